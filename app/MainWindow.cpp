#include "MainWindow.h"
namespace Boxscope {
MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent) {}
}
