#pragma once
#include <QStringList>
namespace Boxscope {
class CliRunner
{
public:
    int run(const QStringList &args);
};
}
