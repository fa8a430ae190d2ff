#include "CliRunner.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("boxscope-cli"));
    Boxscope::CliRunner runner;
    return runner.run(QCoreApplication::arguments());
}
