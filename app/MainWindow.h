#pragma once
#include <QMainWindow>
namespace Boxscope {
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};
}
