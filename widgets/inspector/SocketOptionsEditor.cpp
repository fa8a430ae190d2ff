#include "inspector/SocketOptionsEditor.h"

#include "common/Theme.h"

#include "sockets/SocketResult.h"

#include <QComboBox>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cerrno>

namespace Boxscope {

SocketOptionsEditor::SocketOptionsEditor(QWidget *parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(0, 2, this);
    m_table->setHorizontalHeaderLabels({ tr("Option"), tr("Value (getsockopt)") });
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAccessibleName(tr("Socket options"));
    m_option = new QComboBox(this);
    m_option->setAccessibleName(tr("Option to set"));
    m_value = new QLineEdit(this);
    m_value->setPlaceholderText(tr("true, 65536, 0.5, on 5 …"));
    m_value->setAccessibleName(tr("Option value"));
    m_set = new QPushButton(tr("setsockopt"), this);
    m_set->setAccessibleName(tr("Set option"));
    m_refresh = new QPushButton(tr("Read back"), this);
    m_refresh->setAccessibleName(tr("Read options back"));
    m_refresh->setToolTip(tr("getsockopt() for every option"));
    m_error = new QLabel(this);
    Theme::setTextColor(m_error, Theme::Color::Error);
    m_error->setAccessibleName(tr("Option error"));
    m_error->hide();

    auto *form = new QHBoxLayout;
    form->addWidget(m_option);
    form->addWidget(m_value, 1);
    form->addWidget(m_set);
    form->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);

    connect(m_set, &QPushButton::clicked, this, &SocketOptionsEditor::applyFromForm);
    connect(m_value, &QLineEdit::returnPressed, this, &SocketOptionsEditor::applyFromForm);
    connect(m_refresh, &QPushButton::clicked, this, &SocketOptionsEditor::refresh);
    connect(m_option, &QComboBox::currentIndexChanged, this, [this] {
        bool ok = false;
        const auto o = SocketOption::Name(m_option->currentData().toInt(&ok));
        if (ok)
            m_value->setText(displayedValue(o).remove(QStringLiteral(" s")).remove(QLatin1Char(',')));
    });
}

void SocketOptionsEditor::setSocket(Getter get, Setter set, bool tcp)
{
    m_getter = std::move(get);
    m_setter = std::move(set);
    m_tcp = tcp;
    m_option->clear();
    for (SocketOption::Name o : SocketOption::all()) {
        if (SocketOption::isReadOnly(o) || (SocketOption::isTcpOnly(o) && !tcp))
            continue;
        m_option->addItem(QString::fromLatin1(SocketOption::name(o)), int(o));
    }
    refresh();
}

void SocketOptionsEditor::refresh()
{
    m_table->setRowCount(0);
    if (!m_getter)
        return;
    for (SocketOption::Name o : SocketOption::all()) {
        if (SocketOption::isTcpOnly(o) && !m_tcp)
            continue;
        int err = 0;
        const QVariant v = m_getter(o, &err);
        if (!v.isValid() && err == ENOPROTOOPT)
            continue; // not supported here
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *name = new QTableWidgetItem(QString::fromLatin1(SocketOption::name(o)));
        name->setData(Qt::UserRole, int(o));
        if (SocketOption::isReadOnly(o))
            name->setToolTip(tr("read only"));
        m_table->setItem(row, 0, name);
        m_table->setItem(row, 1,
                         new QTableWidgetItem(v.isValid() ? SocketOption::toDisplay(o, v)
                                                          : SocketResult::error(err).toString()));
    }
    m_table->resizeColumnToContents(0);
}

QString SocketOptionsEditor::displayedValue(SocketOption::Name option) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, 0)->data(Qt::UserRole).toInt() == int(option))
            return m_table->item(row, 1)->text();
    }
    return QString();
}

QVariant SocketOptionsEditor::parseValue(SocketOption::Name option, const QString &input, QString *error)
{
    const QString text = input.trimmed().toLower();
    auto flag = [](const QString &t, bool *ok) {
        *ok = true;
        if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("on")
            || t == QLatin1String("yes"))
            return true;
        if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("off")
            || t == QLatin1String("no"))
            return false;
        *ok = false;
        return false;
    };
    bool ok = false;
    switch (SocketOption::kind(option)) {
    case SocketOption::Kind::Flag: {
        const bool b = flag(text, &ok);
        if (ok)
            return b;
        *error = tr("%1 takes true or false").arg(QString::fromLatin1(SocketOption::name(option)));
        return {};
    }
    case SocketOption::Kind::Int: {
        const int n = text.toInt(&ok);
        if (ok)
            return n;
        *error = tr("%1 takes an integer").arg(QString::fromLatin1(SocketOption::name(option)));
        return {};
    }
    case SocketOption::Kind::Seconds: {
        const double s = text.toDouble(&ok);
        if (ok && s >= 0)
            return s;
        *error = tr("%1 takes seconds (a number ≥ 0)").arg(QString::fromLatin1(SocketOption::name(option)));
        return {};
    }
    case SocketOption::Kind::Linger: {
        // "on 5", "true 5", "off", "false"
        const QStringList parts =
                QString(text).replace(QLatin1Char(','), QLatin1Char(' ')).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (!parts.isEmpty() && parts.size() <= 2) {
            const bool active = flag(parts.at(0), &ok);
            int seconds = 0;
            bool secondsOk = true;
            if (parts.size() == 2)
                seconds = parts.at(1).toInt(&secondsOk);
            if (ok && secondsOk && seconds >= 0)
                return QVariantList { active, seconds };
        }
        *error = tr("SO_LINGER takes \"on SECONDS\" or \"off\"");
        return {};
    }
    case SocketOption::Kind::Name: break;
    }
    *error = tr("%1 is read only").arg(QString::fromLatin1(SocketOption::name(option)));
    return {};
}

bool SocketOptionsEditor::setOption(SocketOption::Name option, const QString &text, QString *error)
{
    QString message;
    const QVariant value = parseValue(option, text, &message);
    const QString name = QString::fromLatin1(SocketOption::name(option));
    if (value.isValid() && m_setter) {
        int err = 0;
        if (m_setter(option, value, &err)) {
            refresh();
            m_error->hide();
            emit logMessage(LogLevel::Info,
                            tr("setsockopt %1 = %2, reads back %3").arg(name, text.trimmed(), displayedValue(option)));
            return true;
        }
        message = tr("setsockopt %1: %2").arg(name, SocketResult::error(err).toString());
    } else if (!m_setter) {
        message = tr("No socket");
    }
    m_error->setText(message);
    m_error->show();
    emit logMessage(LogLevel::Error, message);
    if (error)
        *error = message;
    return false;
}

void SocketOptionsEditor::applyFromForm()
{
    bool ok = false;
    const auto o = SocketOption::Name(m_option->currentData().toInt(&ok));
    if (ok)
        setOption(o, m_value->text());
}

} // namespace Boxscope
