<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Boxscope::ConnectionBar</name>
    <message>
        <source>Connection bar</source>
        <translation>Панель подключения</translation>
    </message>
    <message>
        <source>host:port or unix/:path</source>
        <translation>хост:порт или unix/:путь</translation>
    </message>
    <message>
        <source>Server URI</source>
        <translation>URI сервера</translation>
    </message>
    <message>
        <source>host:port, user:password@host:port or unix/:/path/to.sock</source>
        <translation>хост:порт, пользователь:пароль@хост:порт или unix/:/путь/к.sock</translation>
    </message>
    <message>
        <source>guest</source>
        <translation>guest</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>password</source>
        <translation>пароль</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Подключиться</translation>
    </message>
    <message>
        <source>Connect or disconnect</source>
        <translation>Подключиться или отключиться</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Состояние подключения</translation>
    </message>
    <message>
        <source>Server version and instance</source>
        <translation>Версия сервера и экземпляр</translation>
    </message>
    <message>
        <source>Ping round-trip time</source>
        <translation>Время отклика ping</translation>
    </message>
    <message>
        <source>URI:</source>
        <translation>URI:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <source>%1 %2 · %3</source>
        <translation>%1 %2 · %3</translation>
    </message>
    <message>
        <source>Greeting: %1 %2 (%3), instance %4</source>
        <translation>Приветствие: %1 %2 (%3), экземпляр %4</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>Подключено к %1 как %2</translation>
    </message>
    <message>
        <source>bad URI</source>
        <translation>неверный URI</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Не удаётся подключиться: %1</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Подключение к %1</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>отключено</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>подключение</translation>
    </message>
    <message>
        <source>greeting</source>
        <translation>приветствие</translation>
    </message>
    <message>
        <source>authenticating</source>
        <translation>аутентификация</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>готово</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>закрытие</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Отключено</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Ошибка подключения: %1</translation>
    </message>
    <message>
        <source>ping %1 ms</source>
        <translation>ping %1 мс</translation>
    </message>
    <message>
        <source>ping failed</source>
        <translation>ping не прошёл</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Отключиться</translation>
    </message>
</context>
<context>
    <name>Boxscope::LogModel</name>
    <message>
        <source>debug</source>
        <translation>отладка</translation>
    </message>
    <message>
        <source>info</source>
        <translation>инфо</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>предупреждение</translation>
    </message>
    <message>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
</context>
<context>
    <name>Boxscope::LogView</name>
    <message>
        <source>Log view</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>Log level filter</source>
        <translation>Фильтр по уровню</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Все уровни</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Инфо и выше</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Предупреждения и ошибки</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Только ошибки</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>Фильтр по тексту</translation>
    </message>
    <message>
        <source>Log text filter</source>
        <translation>Фильтр журнала по тексту</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Clear the log</source>
        <translation>Очистить журнал</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
    <message>
        <source>Save the log to a file</source>
        <translation>Сохранить журнал в файл</translation>
    </message>
    <message>
        <source>Dropped log lines</source>
        <translation>Отброшенные строки журнала</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>Строки журнала</translation>
    </message>
    <message>
        <source>Save the log</source>
        <translation>Сохранение журнала</translation>
    </message>
    <message>
        <source>log</source>
        <translation>журнал</translation>
    </message>
    <message>
        <source>Cannot save the log to %1: %2</source>
        <translation>Не удаётся сохранить журнал в %1: %2</translation>
    </message>
    <message>
        <source>Log saved to %1</source>
        <translation>Журнал сохранён в %1</translation>
    </message>
    <message numerus="yes">
        <source>%n older line(s) dropped</source>
        <translation>
            <numerusform>%n старая строка отброшена</numerusform>
            <numerusform>%n старые строки отброшены</numerusform>
            <numerusform>%n старых строк отброшено</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Boxscope::LuaConsolePanel</name>
    <message>
        <source>Lua console panel</source>
        <translation>Панель консоли Lua</translation>
    </message>
    <message>
        <source>Lua output</source>
        <translation>Вывод Lua</translation>
    </message>
    <message>
        <source>What the chunks printed and returned, as Tarantool&apos;s console shows it</source>
        <translation>Что фрагменты напечатали и вернули, как это показывает консоль Tarantool</translation>
    </message>
    <message>
        <source>Lua input</source>
        <translation>Ввод Lua</translation>
    </message>
    <message>
        <source>Enter runs a complete chunk, Shift+Enter inserts a newline, Up and Down browse the history</source>
        <translation>Enter выполняет законченный фрагмент, Shift+Enter вставляет перевод строки, стрелки вверх и вниз листают историю</translation>
    </message>
    <message>
        <source>Lua, e.g. net_box = require(&apos;net.box&apos;) — Enter runs, Shift+Enter adds a line</source>
        <translation>Lua, например net_box = require(&apos;net.box&apos;) — Enter выполняет, Shift+Enter добавляет строку</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Выполнить</translation>
    </message>
    <message>
        <source>Run the input</source>
        <translation>Выполнить введённое</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Stop the running chunk</source>
        <translation>Остановить выполняемый фрагмент</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Clear the output</source>
        <translation>Очистить вывод</translation>
    </message>
    <message>
        <source>Console state</source>
        <translation>Состояние консоли</translation>
    </message>
    <message>
        <source>The Lua runtime could not be set up: %1</source>
        <translation>Не удалось подготовить среду Lua: %1</translation>
    </message>
    <message>
        <source>A chunk is still running</source>
        <translation>Фрагмент ещё выполняется</translation>
    </message>
    <message>
        <source>Running… (Stop aborts the chunk)</source>
        <translation>Выполняется… (кнопка «Остановить» прерывает фрагмент)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
</context>
<context>
    <name>Boxscope::MainWindow</name>
    <message>
        <source>Boxscope</source>
        <translation>Boxscope</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>Late response for SYNC %1 (code 0x%2)</source>
        <translation>Запоздавший ответ для SYNC %1 (код 0x%2)</translation>
    </message>
    <message>
        <source>Response with unknown SYNC %1 (code 0x%2)</source>
        <translation>Ответ с неизвестным SYNC %1 (код 0x%2)</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Отключено</translation>
    </message>
    <message>
        <source>Sandbox tarantool (PID %1) listens on %2:%3, work dir %4</source>
        <translation>Песочница tarantool (PID %1) слушает %2:%3, рабочий каталог %4</translation>
    </message>
    <message>
        <source>Sandbox failed: %1</source>
        <translation>Ошибка песочницы: %1</translation>
    </message>
    <message>
        <source>Sandbox script sandbox.lua not found next to the program</source>
        <translation>Скрипт песочницы sandbox.lua не найден рядом с программой</translation>
    </message>
    <message>
        <source>Starting the sandbox: tarantool %1</source>
        <translation>Запуск песочницы: tarantool %1</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>Панели</translation>
    </message>
    <message>
        <source>Remote call</source>
        <translation>Удалённый вызов</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>подключение</translation>
    </message>
    <message>
        <source>Lua console</source>
        <translation>Консоль Lua</translation>
    </message>
</context>
<context>
    <name>Boxscope::PushListModel</name>
    <message>
        <source>(no longer held)</source>
        <translation>(больше не хранится)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
</context>
<context>
    <name>Boxscope::RemoteCallPanel</name>
    <message>
        <source>Remote-call panel</source>
        <translation>Панель удалённых вызовов</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Метод</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Метод:</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>&amp;Function:</source>
        <translation>&amp;Функция:</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Индекс</translation>
    </message>
    <message>
        <source>&amp;Index:</source>
        <translation>&amp;Индекс:</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Аргументы</translation>
    </message>
    <message>
        <source>Lua literal, e.g. {1, &apos;a&apos;, {x = 1}}</source>
        <translation>литерал Lua, например {1, &apos;a&apos;, {x = 1}}</translation>
    </message>
    <message>
        <source>Arguments error</source>
        <translation>Ошибка в аргументах</translation>
    </message>
    <message>
        <source>&amp;Arguments:</source>
        <translation>&amp;Аргументы:</translation>
    </message>
    <message>
        <source>Update operations</source>
        <translation>Операции обновления</translation>
    </message>
    <message>
        <source>{{&apos;=&apos;, 2, &apos;x&apos;}, {&apos;+&apos;, 3, 1}}</source>
        <translation>{{&apos;=&apos;, 2, &apos;x&apos;}, {&apos;+&apos;, 3, 1}}</translation>
    </message>
    <message>
        <source>Update operations error</source>
        <translation>Ошибка в операциях обновления</translation>
    </message>
    <message>
        <source>&amp;Operations:</source>
        <translation>&amp;Операции:</translation>
    </message>
    <message>
        <source>Async (several requests in flight)</source>
        <translation>Асинхронно (несколько запросов сразу)</translation>
    </message>
    <message>
        <source>Async</source>
        <translation>Асинхронно</translation>
    </message>
    <message>
        <source>Off: like a synchronous net.box call, the next request waits until this one ends.</source>
        <translation>Выключено: как синхронный вызов net.box — следующий запрос ждёт завершения этого.</translation>
    </message>
    <message>
        <source>Timeout in seconds</source>
        <translation>Тайм-аут в секундах</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Тайм-аут:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Параметры:</translation>
    </message>
    <message>
        <source>Select limit</source>
        <translation>Лимит выборки</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>без лимита</translation>
    </message>
    <message>
        <source>Select offset</source>
        <translation>Смещение выборки</translation>
    </message>
    <message>
        <source>Select iterator</source>
        <translation>Итератор выборки</translation>
    </message>
    <message>
        <source>Limit:</source>
        <translation>Лимит:</translation>
    </message>
    <message>
        <source>Offset:</source>
        <translation>Смещение:</translation>
    </message>
    <message>
        <source>Iterator:</source>
        <translation>Итератор:</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Отправить (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>Отправить запрос</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Отбросить</translation>
    </message>
    <message>
        <source>Discard the selected request</source>
        <translation>Отбросить выбранный запрос</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Re-run the selected request</source>
        <translation>Повторить выбранный запрос</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Export pushes and result as JSON lines</source>
        <translation>Экспортировать push-сообщения и результат в JSON Lines</translation>
    </message>
    <message>
        <source>Request form error</source>
        <translation>Ошибка в форме запроса</translation>
    </message>
    <message>
        <source>Request history</source>
        <translation>История запросов</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Export pushes and result</source>
        <translation>Экспорт push-сообщений и результата</translation>
    </message>
    <message>
        <source>Push count</source>
        <translation>Число push-сообщений</translation>
    </message>
    <message>
        <source>Count only</source>
        <translation>Только счёт</translation>
    </message>
    <message>
        <source>Count pushes without listing them</source>
        <translation>Считать push-сообщения, не показывая их</translation>
    </message>
    <message>
        <source>For floods: keep counting, stop listing</source>
        <translation>Для потоков: считать, но не показывать</translation>
    </message>
    <message>
        <source>Push list</source>
        <translation>Список push-сообщений</translation>
    </message>
    <message>
        <source>Pushes</source>
        <translation>Push-сообщения</translation>
    </message>
    <message>
        <source>Selected push</source>
        <translation>Выбранное push-сообщение</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>function name, e.g. server_function</source>
        <translation>имя функции, например server_function</translation>
    </message>
    <message>
        <source>&amp;Expression:</source>
        <translation>&amp;Выражение:</translation>
    </message>
    <message>
        <source>Lua, e.g. return box.info.version</source>
        <translation>Lua, например return box.info.version</translation>
    </message>
    <message>
        <source>&amp;SQL:</source>
        <translation>&amp;SQL:</translation>
    </message>
    <message>
        <source>&amp;Binds:</source>
        <translation>&amp;Параметры:</translation>
    </message>
    <message>
        <source>SQL, e.g. SELECT * FROM &quot;demo&quot;</source>
        <translation>SQL, например SELECT * FROM &quot;demo&quot;</translation>
    </message>
    <message>
        <source>&amp;Space:</source>
        <translation>&amp;Спейс:</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Ключ:</translation>
    </message>
    <message>
        <source>space name or id</source>
        <translation>имя или id спейса</translation>
    </message>
    <message>
        <source>&amp;Tuple:</source>
        <translation>&amp;Кортеж:</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>&amp;Цель:</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <source>Enter a target</source>
        <translation>Укажите цель</translation>
    </message>
    <message>
        <source>Enter the %1</source>
        <translation>Укажите: %1</translation>
    </message>
    <message>
        <source>Fix the Lua literal: %1</source>
        <translation>Исправьте литерал Lua: %1</translation>
    </message>
    <message>
        <source>Fix the operations: %1</source>
        <translation>Исправьте операции: %1</translation>
    </message>
    <message>
        <source>Waiting for the previous synchronous request</source>
        <translation>Ожидание предыдущего синхронного запроса</translation>
    </message>
    <message>
        <source>SYNC %1 %2 %3 %4</source>
        <translation>SYNC %1 %2 %3 %4</translation>
    </message>
    <message>
        <source>SYNC %1 push #%2: %3</source>
        <translation>SYNC %1 push №%2: %3</translation>
    </message>
    <message>
        <source>SYNC %1 done in %2 ms after %3 push(es): %4</source>
        <translation>SYNC %1 выполнен за %2 мс, push-сообщений: %3: %4</translation>
    </message>
    <message>
        <source>SYNC %1 %2 after %3 push(es): %4</source>
        <translation>SYNC %1 %2, push-сообщений: %3: %4</translation>
    </message>
    <message>
        <source>%1 — waiting for the result</source>
        <translation>%1 — ожидание результата</translation>
    </message>
    <message>
        <source># waiting for the result…</source>
        <translation># ожидание результата…</translation>
    </message>
    <message>
        <source>%1 — result in %2 ms</source>
        <translation>%1 — результат за %2 мс</translation>
    </message>
    <message>
        <source> (no values)</source>
        <translation> (нет значений)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>SYNC %1 %2 %3</source>
        <translation>SYNC %1 %2 %3</translation>
    </message>
    <message>
        <source>%1 received</source>
        <translation>получено: %1</translation>
    </message>
    <message>
        <source> (count only)</source>
        <translation> (только счёт)</translation>
    </message>
    <message>
        <source>, %1 older pushes dropped from the list</source>
        <translation>, старых push-сообщений убрано из списка: %1</translation>
    </message>
    <message>
        <source>Push #%1</source>
        <translation>Push-сообщение №%1</translation>
    </message>
    <message>
        <source>Cannot export to %1: %2</source>
        <translation>Не удаётся экспортировать в %1: %2</translation>
    </message>
    <message>
        <source>Exported SYNC %1 (%2 push(es)) to %3</source>
        <translation>SYNC %1 (push-сообщений: %2) экспортирован в %3</translation>
    </message>
    <message>
        <source>SYNC %1 pushes #%2–#%3 (%4)%5</source>
        <translation>SYNC %1 push-сообщения №%2–№%3 (%4)%5</translation>
    </message>
    <message>
        <source>, the last: %1</source>
        <translation>, последнее: %1</translation>
    </message>
    <message>
        <source>SYNC %1 %2 %3 (from %4)</source>
        <translation>SYNC %1 %2 %3 (из: %4)</translation>
    </message>
</context>
<context>
    <name>Boxscope::RequestHistoryModel</name>
    <message>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>receiving pushes</source>
        <translation>получает push</translation>
    </message>
    <message>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>тайм-аут</translation>
    </message>
    <message>
        <source>discarded</source>
        <translation>отброшен</translation>
    </message>
    <message>
        <source>SYNC</source>
        <translation>SYNC</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Метод</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Pushes</source>
        <translation>Push-сообщения</translation>
    </message>
    <message>
        <source>First push</source>
        <translation>Первый push</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
</context>
<context>
    <name>Boxscope::SandboxServer</name>
    <message>
        <source>The sandbox is already running</source>
        <translation>Песочница уже запущена</translation>
    </message>
    <message>
        <source>The tarantool binary was not found (install the Debian package &apos;tarantool&apos;)</source>
        <translation>Программа tarantool не найдена (установите пакет Debian «tarantool»)</translation>
    </message>
    <message>
        <source>The sandbox script %1 does not exist</source>
        <translation>Скрипт песочницы %1 не существует</translation>
    </message>
    <message>
        <source>Cannot create a temporary directory: %1</source>
        <translation>Не удаётся создать временный каталог: %1</translation>
    </message>
    <message>
        <source>tarantool failed to start: %1</source>
        <translation>tarantool не запустился: %1</translation>
    </message>
    <message>
        <source>tarantool exited with code %1 before listening%2</source>
        <translation>tarantool завершился с кодом %1, не начав слушать%2</translation>
    </message>
    <message>
        <source>tarantool did not report its listen address within %1 ms</source>
        <translation>tarantool не сообщил адрес за %1 мс</translation>
    </message>
    <message>
        <source>tarantool reported an unexpected listen address: %1</source>
        <translation>tarantool сообщил неожиданный адрес: %1</translation>
    </message>
</context>
<context>
    <name>Boxscope::ValueTreeModel</name>
    <message>
        <source>array[%1]</source>
        <translation>массив[%1]</translation>
    </message>
    <message>
        <source>map{%1}</source>
        <translation>словарь{%1}</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
</context>
<context>
    <name>Boxscope::ValueView</name>
    <message>
        <source>%1 title</source>
        <translation>%1: заголовок</translation>
    </message>
    <message>
        <source>Copy YAML</source>
        <translation>Копировать YAML</translation>
    </message>
    <message>
        <source>Copy %1 as YAML</source>
        <translation>Копировать %1 как YAML</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>Копировать JSON</translation>
    </message>
    <message>
        <source>Copy %1 as JSON</source>
        <translation>Копировать %1 как JSON</translation>
    </message>
    <message>
        <source>Copy Lua</source>
        <translation>Копировать Lua</translation>
    </message>
    <message>
        <source>Copy %1 as a Lua literal</source>
        <translation>Копировать %1 как литерал Lua</translation>
    </message>
    <message>
        <source>%1 tree</source>
        <translation>%1: дерево</translation>
    </message>
    <message>
        <source>%1 YAML</source>
        <translation>%1: YAML</translation>
    </message>
    <message>
        <source>Tree</source>
        <translation>Дерево</translation>
    </message>
    <message>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <source>%1 views</source>
        <translation>%1: представления</translation>
    </message>
    <message>
        <source>%1 error</source>
        <translation>%1: ошибка</translation>
    </message>
    <message>
        <source>%1 error stack</source>
        <translation>%1: стек ошибок</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>errno</source>
        <translation>errno</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source> · code %1</source>
        <translation> · код %1</translation>
    </message>
    <message>
        <source>
# … cut at %1 characters; the tree and the copy buttons have everything
</source>
        <translation>
# … обрезано на %1 символах; в дереве и при копировании есть всё
</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Boxscope: a diagnostic client for Tarantool</source>
        <translation>Boxscope: диагностический клиент для Tarantool</translation>
    </message>
    <message>
        <source>Start a local sandbox tarantool and connect to it.</source>
        <translation>Запустить локальную песочницу tarantool и подключиться к ней.</translation>
    </message>
    <message>
        <source>Connect to URI at start.</source>
        <translation>Подключиться к URI при запуске.</translation>
    </message>
    <message>
        <source>User name.</source>
        <translation>Имя пользователя.</translation>
    </message>
    <message>
        <source>Save a screenshot of the window to FILE once connected, then quit.</source>
        <translation>Сохранить снимок окна в ФАЙЛ после подключения и выйти.</translation>
    </message>
</context>
</TS>
