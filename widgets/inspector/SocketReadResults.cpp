#include "inspector/SocketReadResults.h"

#include "common/Fonts.h"
#include "common/Tables.h"
#include "common/Theme.h"
#include "sockets/ByteText.h"
#include "sockets/SocketResult.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Boxscope {

SocketReadResults::SocketReadResults(QWidget *parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(0, ResultColumnCount, this);
    m_table->setHorizontalHeaderLabels(
            { tr("#"), tr("Request"), tr("Status"), tr("Errno"), tr("Message"), tr("Size"), tr("Text"), tr("Hex") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Read results"));
    Theme::followItemColors(m_table);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // Columns as wide as the longest texts they usually hold (a recvfrom's sender whole).
    fitColumnToTexts(m_table, ResultSeqColumn, { QStringLiteral("999999") });
    fitColumnToTexts(m_table, ResultRequestColumn,
                     { QStringLiteral("read({limit = 65536, delimiter = '\\r\\n'}, 10)") });
    fitColumnToTexts(m_table, ResultStatusColumn,
                     { QLatin1String(SocketResult::statusName(SocketResult::Status::Timeout)),
                       QLatin1String(SocketResult::statusName(SocketResult::Status::Error)) });
    fitColumnToTexts(m_table, ResultErrnoColumn, { QStringLiteral("999") });
    fitColumnToTexts(m_table, ResultMessageColumn, { QStringLiteral("from 255.255.255.255 (AF_INET, port 65535)") });
    fitColumnToTexts(m_table, ResultSizeColumn, { QStringLiteral("9999999") });
    m_droppedLabel = new QLabel(this);
    m_droppedLabel->setAccessibleName(tr("Read results dropped"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_droppedLabel);
}

void SocketReadResults::setCap(int rows)
{
    m_cap = qMax(1, rows);
}

void SocketReadResults::add(const QString &request, const SocketResult &r, const QString &extra)
{
    if (m_table->rowCount() >= m_cap) {
        const int remove = m_table->rowCount() - m_cap + 1;
        for (int i = 0; i < remove; ++i)
            m_table->removeRow(0);
        m_dropped += quint64(remove);
        m_droppedLabel->setText(tr("%n older result(s) dropped", nullptr, int(m_dropped)));
    }
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto cell = [&](int column, const QString &text) {
        auto *item = new QTableWidgetItem(text);
        if (column >= ResultTextColumn)
            item->setFont(monospaceFont());
        else
            item->setToolTip(text); // whole where the column cuts it
        m_table->setItem(row, column, item);
    };
    constexpr int kShown = 4096;
    cell(ResultSeqColumn, QString::number(++m_seq));
    cell(ResultRequestColumn, request);
    cell(ResultStatusColumn, QLatin1String(SocketResult::statusName(r.status)));
    cell(ResultErrnoColumn, r.errnum ? QString::number(r.errnum) : QString());
    cell(ResultMessageColumn,
         extra.isEmpty() ? r.message : (r.message.isEmpty() ? extra : r.message + QLatin1Char(' ') + extra));
    cell(ResultSizeColumn, QString::number(r.data.size()));
    cell(ResultTextColumn,
         ByteText::toEscaped(r.data.left(kShown)) + (r.data.size() > kShown ? QStringLiteral("…") : QString()));
    cell(ResultHexColumn,
         ByteText::toHex(r.data.left(kShown)) + (r.data.size() > kShown ? QStringLiteral(" …") : QString()));
    if (r.status == SocketResult::Status::Error) {
        for (int c = 0; c < ResultColumnCount; ++c)
            Theme::setItemColor(m_table->item(row, c), Theme::Color::Error);
    }
    m_table->scrollToBottom();
}

} // namespace Boxscope
