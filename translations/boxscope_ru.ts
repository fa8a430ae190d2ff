<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Boxscope::AboutDialog</name>
    <message>
        <source>About Boxscope</source>
        <translation>О Boxscope</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Версии</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>нет подключения</translation>
    </message>
    <message>
        <source>%1 %2 at %3 (instance %4)</source>
        <translation>%1 %2 на %3 (экземпляр %4)</translation>
    </message>
    <message>
        <source>A diagnostic client for Tarantool.</source>
        <translation>Диагностический клиент для Tarantool.</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1 (собрано с %2)</translation>
    </message>
    <message>
        <source>msgpack-c</source>
        <translation>msgpack-c</translation>
    </message>
    <message>
        <source>%1 (the reference the codec is tested against)</source>
        <translation>%1 (эталон, с которым сверяется кодек)</translation>
    </message>
    <message>
        <source>Lua</source>
        <translation>Lua</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
</context>
<context>
    <name>Boxscope::AddressLookupPage</name>
    <message>
        <source>Host to look up</source>
        <translation>Искомый хост</translation>
    </message>
    <message>
        <source>port or service, e.g. 3301 or http</source>
        <translation>порт или служба, например 3301 или http</translation>
    </message>
    <message>
        <source>Port or service</source>
        <translation>Порт или служба</translation>
    </message>
    <message>
        <source>any type</source>
        <translation>любой тип</translation>
    </message>
    <message>
        <source>Socket type</source>
        <translation>Тип сокета</translation>
    </message>
    <message>
        <source>any family</source>
        <translation>любое семейство</translation>
    </message>
    <message>
        <source>Address family</source>
        <translation>Семейство адресов</translation>
    </message>
    <message>
        <source>getaddrinfo</source>
        <translation>getaddrinfo</translation>
    </message>
    <message>
        <source>Look up addresses</source>
        <translation>Найти адреса</translation>
    </message>
    <message>
        <source>Lookup status</source>
        <translation>Состояние поиска</translation>
    </message>
    <message>
        <source>host</source>
        <translation>хост</translation>
    </message>
    <message>
        <source>family</source>
        <translation>семейство</translation>
    </message>
    <message>
        <source>type</source>
        <translation>тип</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>протокол</translation>
    </message>
    <message>
        <source>port</source>
        <translation>порт</translation>
    </message>
    <message>
        <source>Addresses found</source>
        <translation>Найденные адреса</translation>
    </message>
    <message>
        <source>socket.getaddrinfo(host, port, {type=, family=})</source>
        <translation>socket.getaddrinfo(host, port, {type=, family=})</translation>
    </message>
    <message>
        <source>getaddrinfo(%1) failed: %2 %3</source>
        <translation>getaddrinfo(%1) не удался: %2 %3</translation>
    </message>
    <message numerus="yes">
        <source>getaddrinfo(%1): %n address(es)</source>
        <translation>
            <numerusform>getaddrinfo(%1): %n адрес</numerusform>
            <numerusform>getaddrinfo(%1): %n адреса</numerusform>
            <numerusform>getaddrinfo(%1): %n адресов</numerusform>
        </translation>
    </message>
    <message>
        <source>Address lookup</source>
        <translation>Поиск адресов</translation>
    </message>
    <message>
        <source>looking up %1…</source>
        <translation>поиск %1…</translation>
    </message>
</context>
<context>
    <name>Boxscope::CaptureFileActions</name>
    <message>
        <source>Save the capture as pcapng…</source>
        <translation>Сохранить захват как pcapng…</translation>
    </message>
    <message>
        <source>Write every kept frame as a pcapng file Wireshark opens</source>
        <translation>Записать все сохранённые кадры в файл pcapng, который открывает Wireshark</translation>
    </message>
    <message>
        <source>Copy the frame as a hex dump</source>
        <translation>Копировать кадр как шестнадцатеричный дамп</translation>
    </message>
    <message>
        <source>Offset, 16 bytes in hex and as ASCII a line</source>
        <translation>Смещение, 16 байт в шестнадцатеричном виде и как ASCII в строке</translation>
    </message>
    <message>
        <source>Copy the frame as a C array</source>
        <translation>Копировать кадр как массив C</translation>
    </message>
    <message>
        <source>static const unsigned char frame_N[] = { … };</source>
        <translation>static const unsigned char frame_N[] = { … };</translation>
    </message>
    <message>
        <source>Export menu of the IPROTO traffic</source>
        <translation>Меню экспорта трафика IPROTO</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>Save the capture as pcapng, copy the selected frame</source>
        <translation>Сохранить захват как pcapng, скопировать выбранный кадр</translation>
    </message>
    <message>
        <source>Export the captured traffic</source>
        <translation>Экспортировать захваченный трафик</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <source>Open a pcap or pcapng file of Tarantool traffic (tcpdump, Wireshark)</source>
        <translation>Открыть файл pcap или pcapng с трафиком Tarantool (tcpdump, Wireshark)</translation>
    </message>
    <message>
        <source>Import a pcap or pcapng capture</source>
        <translation>Импортировать захват pcap или pcapng</translation>
    </message>
    <message>
        <source>Save the capture</source>
        <translation>Сохранить захват</translation>
    </message>
    <message>
        <source>pcapng captures (*.pcapng)</source>
        <translation>Захваты pcapng (*.pcapng)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
    <message>
        <source>Import a capture</source>
        <translation>Импортировать захват</translation>
    </message>
    <message>
        <source>Captures (*.pcap *.pcapng *.cap);;All files (*)</source>
        <translation>Захваты (*.pcap *.pcapng *.cap);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Не удалось прочитать %1: %2</translation>
    </message>
    <message>
        <source>no capture</source>
        <translation>нет захвата</translation>
    </message>
    <message>
        <source>IPROTO traffic — %1</source>
        <translation>Трафик IPROTO — %1</translation>
    </message>
    <message>
        <source>What the import read</source>
        <translation>Что прочитал импорт</translation>
    </message>
    <message>
        <source>The file is damaged: %1</source>
        <translation>Файл повреждён: %1</translation>
    </message>
</context>
<context>
    <name>Boxscope::Connection</name>
    <message numerus="yes">
        <source>%1 schema version %2 loaded: %n space(s)</source>
        <translation>
            <numerusform>%1: загружена схема версии %2, %n пространство</numerusform>
            <numerusform>%1: загружена схема версии %2, %n пространства</numerusform>
            <numerusform>%1: загружена схема версии %2, %n пространств</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 SYNC %2: %3</source>
        <translation>%1 SYNC %2: %3</translation>
    </message>
    <message>
        <source>%1 SYNC %2 met a new schema (ER_WRONG_SCHEMA_VERSION): reloading it and resending, attempt %3</source>
        <translation>%1 SYNC %2: схема изменилась (ER_WRONG_SCHEMA_VERSION), перечитываю её и отправляю снова, попытка %3</translation>
    </message>
</context>
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
        <source>Ping round-trip time</source>
        <translation>Время отклика ping</translation>
    </message>
    <message>
        <source>URI:</source>
        <translation>URI:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
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
    <message>
        <source>Reconnect</source>
        <translation>Повторять</translation>
    </message>
    <message>
        <source>Reconnect automatically</source>
        <translation>Переподключаться автоматически</translation>
    </message>
    <message>
        <source>When the connection is lost, try again every few seconds until it is back</source>
        <translation>При потере соединения повторять попытки каждые несколько секунд, пока оно не восстановится</translation>
    </message>
    <message>
        <source>Reconnect interval</source>
        <translation>Интервал переподключения</translation>
    </message>
    <message>
        <source>Seconds between reconnect attempts</source>
        <translation>Секунд между попытками переподключения</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s (attempt %2)</source>
        <translation>Переподключение через %1 с (попытка %2)</translation>
    </message>
    <message>
        <source>waiting to reconnect</source>
        <translation>ждёт повтора</translation>
    </message>
    <message>
        <source>Reconnect attempt %1: connecting to %2</source>
        <translation>Попытка переподключения %1: подключение к %2</translation>
    </message>
    <message>
        <source>Reconnected to %1 as %2 (attempt %3)</source>
        <translation>Переподключено к %1 как %2 (попытка %3)</translation>
    </message>
    <message>
        <source>Connection lost: %1</source>
        <translation>Соединение потеряно: %1</translation>
    </message>
    <message>
        <source>disconnected: %1</source>
        <translation>отключено: %1</translation>
    </message>
    <message>
        <source>Server version or failure reason</source>
        <translation>Версия сервера или причина сбоя</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>instance %1</source>
        <translation>экземпляр %1</translation>
    </message>
</context>
<context>
    <name>Boxscope::ConnectionProfileStore</name>
    <message>
        <source>not a JSON file: %1 at offset %2</source>
        <translation>не файл JSON: %1 в позиции %2</translation>
    </message>
    <message>
        <source>the file holds no list of connections (a JSON array of objects)</source>
        <translation>в файле нет списка подключений (массива объектов JSON)</translation>
    </message>
    <message>
        <source>entry %1 is not an object: left out</source>
        <translation>запись %1 не объект: пропущена</translation>
    </message>
    <message>
        <source>entry %1: its password is ignored (passwords are never imported)</source>
        <translation>запись %1: пароль пропущен (пароли никогда не импортируются)</translation>
    </message>
    <message>
        <source>entry %1: the colour &quot;%2&quot; is not #rrggbb: none</source>
        <translation>запись %1: цвет «%2» не в виде #rrggbb: без цвета</translation>
    </message>
    <message>
        <source>entry %1 has no URI: left out</source>
        <translation>у записи %1 нет URI: пропущена</translation>
    </message>
    <message>
        <source>Connections not exported to %1: %2</source>
        <translation>Подключения не экспортированы в %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n connection(s) to %1</source>
        <translation>
            <numerusform>Экспортировано %n подключение в %1</numerusform>
            <numerusform>Экспортировано %n подключения в %1</numerusform>
            <numerusform>Экспортировано %n подключений в %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Connections not imported from %1: %2</source>
        <translation>Подключения не импортированы из %1: %2</translation>
    </message>
    <message>
        <source>Import from %1: %2</source>
        <translation>Импорт из %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n connection(s) from %1</source>
        <translation>
            <numerusform>Импортировано %n подключение из %1</numerusform>
            <numerusform>Импортировано %n подключения из %1</numerusform>
            <numerusform>Импортировано %n подключений из %1</numerusform>
        </translation>
    </message>
    <message>
        <source>entry %1: the password in its URI is ignored (passwords are never imported)</source>
        <translation>запись %1: пароль в её URI пропущен (пароли никогда не импортируются)</translation>
    </message>
</context>
<context>
    <name>Boxscope::ConnectionWorkspace</name>
    <message>
        <source>Late response for SYNC %1 (code 0x%2)</source>
        <translation>Запоздавший ответ для SYNC %1 (код 0x%2)</translation>
    </message>
    <message>
        <source>Response with unknown SYNC %1 (code 0x%2)</source>
        <translation>Ответ с неизвестным SYNC %1 (код 0x%2)</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Новое подключение</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>подключение</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>Opened by the Lua console</source>
        <translation>Открыто консолью Lua</translation>
    </message>
    <message>
        <source>URI: %1</source>
        <translation>URI: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>Пользователь: %1</translation>
    </message>
    <message>
        <source>guest</source>
        <translation>guest</translation>
    </message>
    <message>
        <source>Server: %1 %2</source>
        <translation>Сервер: %1 %2</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Состояние: %1</translation>
    </message>
    <message>
        <source>Ping: %1 ms</source>
        <translation>Пинг: %1 мс</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Только чтение</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>только чтение</translation>
    </message>
</context>
<context>
    <name>Boxscope::ConnectionsDialog</name>
    <message>
        <source>Connections</source>
        <translation>Подключения</translation>
    </message>
    <message>
        <source>Saved connections</source>
        <translation>Сохранённые подключения</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Доступ</translation>
    </message>
    <message>
        <source>Connection name</source>
        <translation>Имя подключения</translation>
    </message>
    <message>
        <source>Connection URI</source>
        <translation>URI подключения</translation>
    </message>
    <message>
        <source>host:port or unix/:/path (no password)</source>
        <translation>хост:порт или unix/:/путь (без пароля)</translation>
    </message>
    <message>
        <source>Connection user</source>
        <translation>Пользователь подключения</translation>
    </message>
    <message>
        <source>guest</source>
        <translation>guest</translation>
    </message>
    <message>
        <source>Connection password</source>
        <translation>Пароль подключения</translation>
    </message>
    <message>
        <source>Colour tag</source>
        <translation>Цветная метка</translation>
    </message>
    <message>
        <source>No colour</source>
        <translation>Без цвета</translation>
    </message>
    <message>
        <source>Remove the colour tag</source>
        <translation>Убрать цветную метку</translation>
    </message>
    <message>
        <source>Read-only: refuse writes, ask before eval and call</source>
        <translation>Только чтение: запись запрещена, перед eval и call — вопрос</translation>
    </message>
    <message>
        <source>Read-only connection</source>
        <translation>Подключение только для чтения</translation>
    </message>
    <message>
        <source>Connection note</source>
        <translation>Заметка о подключении</translation>
    </message>
    <message>
        <source>Password storage</source>
        <translation>Хранение паролей</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save the connection</source>
        <translation>Сохранить подключение</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;URI:</source>
        <translation>&amp;URI:</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>&amp;Пользователь:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>П&amp;ароль:</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Цвет:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>&amp;Заметка:</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Новое</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Новое подключение</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Дублировать</translation>
    </message>
    <message>
        <source>Duplicate the connection</source>
        <translation>Дублировать подключение</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Delete the connection</source>
        <translation>Удалить подключение</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <source>Import connections from a JSON file</source>
        <translation>Импортировать подключения из файла JSON</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Export connections to a JSON file</source>
        <translation>Экспортировать подключения в файл JSON</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Open the connection</source>
        <translation>Открыть подключение</translation>
    </message>
    <message>
        <source>Import connections</source>
        <translation>Импорт подключений</translation>
    </message>
    <message>
        <source>Connections (*.json);;All files (*)</source>
        <translation>Подключения (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Export connections</source>
        <translation>Экспорт подключений</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>только чтение</translation>
    </message>
    <message>
        <source>Colour tag %1</source>
        <translation>Цветная метка %1</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (копия)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>unchanged (type to replace the stored one)</source>
        <translation>без изменений (введите, чтобы заменить сохранённый)</translation>
    </message>
    <message>
        <source>asked for on connect</source>
        <translation>запрашивается при подключении</translation>
    </message>
    <message>
        <source>Nothing imported: %1</source>
        <translation>Ничего не импортировано: %1</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>Не экспортировано: %1</translation>
    </message>
</context>
<context>
    <name>Boxscope::FanOutColumn</name>
    <message>
        <source>Instance %1</source>
        <translation>Экземпляр %1</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Экземпляр</translation>
    </message>
    <message>
        <source>Timing of %1</source>
        <translation>Время ответа %1</translation>
    </message>
    <message>
        <source>Sent: since the fan-out started; first push and finished: since the request was sent</source>
        <translation>Отправлен: от начала рассылки; первое push-сообщение и завершение: от отправки запроса</translation>
    </message>
    <message>
        <source>Push count of %1</source>
        <translation>Число push-сообщений от %1</translation>
    </message>
    <message>
        <source>Pushes from %1</source>
        <translation>Push-сообщения от %1</translation>
    </message>
    <message>
        <source>Result from %1</source>
        <translation>Результат от %1</translation>
    </message>
    <message>
        <source>Pushes: %1 (%2 not listed)</source>
        <translation>Push-сообщений: %1 (%2 не в списке)</translation>
    </message>
    <message>
        <source>Pushes: %1</source>
        <translation>Push-сообщений: %1</translation>
    </message>
    <message>
        <source>sent at +%1 ms</source>
        <translation>отправлен через %1 мс</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>не отправлен</translation>
    </message>
    <message>
        <source>first push %1 ms</source>
        <translation>первое push-сообщение через %1 мс</translation>
    </message>
    <message>
        <source>finished %1 ms</source>
        <translation>завершён через %1 мс</translation>
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
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>Boxscope::FanOutPanel</name>
    <message>
        <source>Fan-out</source>
        <translation>Рассылка</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Экземпляры</translation>
    </message>
    <message>
        <source>The instances the request goes to: check those to send to</source>
        <translation>Экземпляры, которым уходит запрос: отметьте нужные</translation>
    </message>
    <message>
        <source>Send to selected</source>
        <translation>Отправить отмеченным</translation>
    </message>
    <message>
        <source>Send to the selected instances</source>
        <translation>Отправить отмеченным экземплярам</translation>
    </message>
    <message>
        <source>Send the request to every checked instance at once (Ctrl+Enter); a fan-out still running is discarded</source>
        <translation>Отправить запрос сразу всем отмеченным экземплярам (Ctrl+Enter); незавершённая рассылка отменяется</translation>
    </message>
    <message>
        <source>Export JSON lines…</source>
        <translation>Экспорт JSON lines…</translation>
    </message>
    <message>
        <source>Export the fan-out as JSON lines</source>
        <translation>Экспортировать рассылку в JSON lines</translation>
    </message>
    <message>
        <source>Every event of every instance, as boxscope-cli prints them, with &quot;instance&quot;</source>
        <translation>Все события всех экземпляров, как их печатает boxscope-cli, с полем &quot;instance&quot;</translation>
    </message>
    <message>
        <source>Why the request cannot be sent</source>
        <translation>Почему запрос нельзя отправить</translation>
    </message>
    <message>
        <source>Fan-out summary</source>
        <translation>Итог рассылки</translation>
    </message>
    <message>
        <source>Results by instance</source>
        <translation>Результаты по экземплярам</translation>
    </message>
    <message>
        <source>No instances to send to</source>
        <translation>Нет экземпляров для отправки</translation>
    </message>
    <message>
        <source>Check at least one instance</source>
        <translation>Отметьте хотя бы один экземпляр</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s): all finished, %1 failed</source>
        <translation>
            <numerusform>%n экземпляр: все завершены, с ошибкой %1</numerusform>
            <numerusform>%n экземпляра: все завершены, с ошибкой %1</numerusform>
            <numerusform>%n экземпляров: все завершены, с ошибкой %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s): %1 finished</source>
        <translation>
            <numerusform>%n экземпляр: завершено %1</numerusform>
            <numerusform>%n экземпляра: завершено %1</numerusform>
            <numerusform>%n экземпляров: завершено %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the fan-out</source>
        <translation>Экспорт рассылки</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl *.json);;All files (*)</source>
        <translation>JSON lines (*.jsonl *.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Экспорт не удался: %1</translation>
    </message>
</context>
<context>
    <name>Boxscope::IprotoFrameModel</name>
    <message>
        <source>→ server</source>
        <translation>→ сервер</translation>
    </message>
    <message>
        <source>← server</source>
        <translation>← сервер</translation>
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
        <source>Direction</source>
        <translation>Направление</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>SYNC</source>
        <translation>SYNC</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Тело</translation>
    </message>
    <message>
        <source>Δt, ms</source>
        <translation>Δt, мс</translation>
    </message>
    <message>
        <source>body of %1 bytes (select the frame to decode it)</source>
        <translation>тело из %1 байт (выберите кадр, чтобы декодировать его)</translation>
    </message>
</context>
<context>
    <name>Boxscope::IprotoView</name>
    <message>
        <source>both directions</source>
        <translation>оба направления</translation>
    </message>
    <message>
        <source>→ server (requests)</source>
        <translation>→ сервер (запросы)</translation>
    </message>
    <message>
        <source>← server (responses, pushes)</source>
        <translation>← сервер (ответы, push-сообщения)</translation>
    </message>
    <message>
        <source>Direction filter</source>
        <translation>Фильтр по направлению</translation>
    </message>
    <message>
        <source>SYNC</source>
        <translation>SYNC</translation>
    </message>
    <message>
        <source>SYNC filter</source>
        <translation>Фильтр по SYNC</translation>
    </message>
    <message>
        <source>type: call, chunk, error…</source>
        <translation>тип: call, chunk, error…</translation>
    </message>
    <message>
        <source>Type filter</source>
        <translation>Фильтр по типу</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Следить</translation>
    </message>
    <message>
        <source>Follow the newest frame</source>
        <translation>Следить за новейшим кадром</translation>
    </message>
    <message>
        <source>Capture counts</source>
        <translation>Счётчики захвата</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>Приветствие</translation>
    </message>
    <message>
        <source>Capture decoding error</source>
        <translation>Ошибка разбора захвата</translation>
    </message>
    <message>
        <source>Captured IPROTO frames</source>
        <translation>Захваченные кадры IPROTO</translation>
    </message>
    <message>
        <source>Frame header</source>
        <translation>Заголовок кадра</translation>
    </message>
    <message>
        <source>Frame body</source>
        <translation>Тело кадра</translation>
    </message>
    <message>
        <source>Frame bytes as hex</source>
        <translation>Байты кадра в hex</translation>
    </message>
    <message>
        <source>Show the request</source>
        <translation>Показать запрос</translation>
    </message>
    <message>
        <source>Show the frame&apos;s request in the history</source>
        <translation>Показать запрос этого кадра в истории</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Тело</translation>
    </message>
    <message>
        <source>Frame detail</source>
        <translation>Подробности кадра</translation>
    </message>
    <message>
        <source>Decoded</source>
        <translation>Разобранный</translation>
    </message>
    <message>
        <source>Raw bytes</source>
        <translation>Сырые байты</translation>
    </message>
    <message>
        <source>Greeting: %1</source>
        <translation>Приветствие: %1</translation>
    </message>
    <message>
        <source>%1 stream cannot be split any more: %2</source>
        <translation>Поток %1 больше нельзя разбить на кадры: %2</translation>
    </message>
    <message>
        <source>Client → server</source>
        <translation>клиент → сервер</translation>
    </message>
    <message>
        <source>Server → client</source>
        <translation>сервер → клиент</translation>
    </message>
    <message>
        <source>Greeting: not seen yet</source>
        <translation>Приветствие: ещё не получено</translation>
    </message>
    <message numerus="yes">
        <source>#%1 %2, size prefix %3, %n byte(s) in all, stream offset %4</source>
        <translation>
            <numerusform>№%1 %2, префикс длины %3, всего %n байт, смещение в потоке %4</numerusform>
            <numerusform>№%1 %2, префикс длины %3, всего %n байта, смещение в потоке %4</numerusform>
            <numerusform>№%1 %2, префикс длины %3, всего %n байт, смещение в потоке %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Frames: %1; %2 bytes sent, %3 received</source>
        <translation>Кадры: %1; байт отправлено: %2, получено: %3</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Кадры</translation>
    </message>
    <message>
        <source>any type</source>
        <translation>любой тип</translation>
    </message>
    <message>
        <source>requests</source>
        <translation>запросы</translation>
    </message>
    <message>
        <source>responses</source>
        <translation>ответы</translation>
    </message>
    <message>
        <source>pushes</source>
        <translation>push-сообщения</translation>
    </message>
    <message>
        <source>events</source>
        <translation>события</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>ошибки</translation>
    </message>
    <message>
        <source>Frame type filter</source>
        <translation>Фильтр по типу кадра</translation>
    </message>
    <message>
        <source>Show Boxscope&apos;s own requests</source>
        <translation>Показывать запросы самого Boxscope</translation>
    </message>
    <message>
        <source>Pings, schema reads, authentication and the function list, with their answers</source>
        <translation>Пинги, чтение схемы, аутентификация и список функций вместе с ответами</translation>
    </message>
    <message>
        <source>Frame as YAML</source>
        <translation>Кадр в YAML</translation>
    </message>
    <message>
        <source>Frame as JSON</source>
        <translation>Кадр в JSON</translation>
    </message>
    <message>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
</context>
<context>
    <name>Boxscope::JsonLines</name>
    <message>
        <source>push %1 could not be read back from the spill file</source>
        <translation>push-сообщение %1 не удалось прочитать из файла подкачки</translation>
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
    <message>
        <source>Connection</source>
        <translation>Подключение</translation>
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
    <message>
        <source>Log connection filter</source>
        <translation>Фильтр журнала по подключению</translation>
    </message>
    <message>
        <source>Show only the lines about one connection</source>
        <translation>Показывать только строки об одном подключении</translation>
    </message>
    <message>
        <source>All connections</source>
        <translation>Все подключения</translation>
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
    <name>Boxscope::LuaNetBox</name>
    <message>
        <source>net_box.connect(%1) as %2</source>
        <translation>net_box.connect(%1) от имени %2</translation>
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
    <message>
        <source>Sockets</source>
        <translation>Сокеты</translation>
    </message>
    <message>
        <source>IPROTO traffic</source>
        <translation>Трафик IPROTO</translation>
    </message>
    <message>
        <source>SYNC %1 is no request in the history (an internal request: auth, schema, ping)</source>
        <translation>SYNC %1 не соответствует запросу в истории (внутренний запрос: аутентификация, схема, ping)</translation>
    </message>
    <message>
        <source>waiting to reconnect (attempt %1 in %2 s)</source>
        <translation>ожидание переподключения (попытка %1 через %2 с)</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>Строка меню</translation>
    </message>
    <message>
        <source>&amp;Sandbox</source>
        <translation>&amp;Песочница</translation>
    </message>
    <message>
        <source>Sandbox menu</source>
        <translation>Меню песочницы</translation>
    </message>
    <message>
        <source>&amp;Start sandbox</source>
        <translation>&amp;Запустить песочницу</translation>
    </message>
    <message>
        <source>Start a local tarantool with demo data and connect to it</source>
        <translation>Запустить локальный tarantool с демонстрационными данными и подключиться к нему</translation>
    </message>
    <message>
        <source>&amp;Restart sandbox</source>
        <translation>П&amp;ерезапустить песочницу</translation>
    </message>
    <message>
        <source>Start the sandbox again on the same port and connect to it</source>
        <translation>Запустить песочницу заново на том же порту и подключиться к ней</translation>
    </message>
    <message>
        <source>Sto&amp;p sandbox</source>
        <translation>&amp;Остановить песочницу</translation>
    </message>
    <message>
        <source>Sandbox tarantool (PID %1) %2; Sandbox &gt; Restart sandbox starts it again on port %3</source>
        <translation>Tarantool песочницы (PID %1) %2; Песочница &gt; Перезапустить песочницу запустит его снова на порту %3</translation>
    </message>
    <message>
        <source>The sandbox is already running (PID %1)</source>
        <translation>Песочница уже запущена (PID %1)</translation>
    </message>
    <message>
        <source>Restarting the sandbox on port %1</source>
        <translation>Перезапуск песочницы на порту %1</translation>
    </message>
    <message>
        <source>Stopping the sandbox (PID %1)</source>
        <translation>Остановка песочницы (PID %1)</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation>Другие меню</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>Отключено: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>File menu</source>
        <translation>Меню «Файл»</translation>
    </message>
    <message>
        <source>&amp;New connection…</source>
        <translation>&amp;Новое подключение…</translation>
    </message>
    <message>
        <source>&amp;Open request…</source>
        <translation>&amp;Открыть запрос…</translation>
    </message>
    <message>
        <source>Fill the request form from a request file (JSON)</source>
        <translation>Заполнить форму запроса из файла запроса (JSON)</translation>
    </message>
    <message>
        <source>&amp;Save request…</source>
        <translation>&amp;Сохранить запрос…</translation>
    </message>
    <message>
        <source>Save the request form (method, target, arguments, options) as a JSON file</source>
        <translation>Сохранить форму запроса (метод, цель, аргументы, параметры) в файл JSON</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Экспорт</translation>
    </message>
    <message>
        <source>Export menu</source>
        <translation>Меню «Экспорт»</translation>
    </message>
    <message>
        <source>Request &amp;history…</source>
        <translation>&amp;История запросов…</translation>
    </message>
    <message>
        <source>Write every request of the history with its pushes and result as JSON lines</source>
        <translation>Записать все запросы истории с их push-сообщениями и результатами в формате JSON lines</translation>
    </message>
    <message>
        <source>Selected &amp;request…</source>
        <translation>Выбранный &amp;запрос…</translation>
    </message>
    <message>
        <source>Write the selected request&apos;s pushes and result as JSON lines</source>
        <translation>Записать push-сообщения и результат выбранного запроса в формате JSON lines</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>Close the window and quit</source>
        <translation>Закрыть окно и выйти</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>Edit menu</source>
        <translation>Меню «Правка»</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <source>Copy the selected text or table cell</source>
        <translation>Копировать выделенный текст или ячейку таблицы</translation>
    </message>
    <message>
        <source>Copy the selected request&apos;s result (or the selected push, when the push list has the focus) as %1</source>
        <translation>Копировать результат выбранного запроса (или выбранное push-сообщение, если фокус в списке push-сообщений) как %1</translation>
    </message>
    <message>
        <source>Copy result as &amp;YAML</source>
        <translation>Копировать результат как &amp;YAML</translation>
    </message>
    <message>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <source>Copy result as &amp;JSON</source>
        <translation>Копировать результат как &amp;JSON</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Copy result as &amp;Lua</source>
        <translation>Копировать результат как &amp;Lua</translation>
    </message>
    <message>
        <source>a Lua literal</source>
        <translation>литерал Lua</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>View menu</source>
        <translation>Меню «Вид»</translation>
    </message>
    <message>
        <source>&amp;Remote call</source>
        <translation>&amp;Удалённый вызов</translation>
    </message>
    <message>
        <source>Lua &amp;console</source>
        <translation>&amp;Консоль Lua</translation>
    </message>
    <message>
        <source>&amp;Sockets</source>
        <translation>&amp;Сокеты</translation>
    </message>
    <message>
        <source>IPROTO &amp;traffic</source>
        <translation>&amp;Трафик IPROTO</translation>
    </message>
    <message>
        <source>Show or hide the %1 panel</source>
        <translation>Показать или скрыть панель «%1»</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Журнал</translation>
    </message>
    <message>
        <source>Show or hide the log</source>
        <translation>Показать или скрыть журнал</translation>
    </message>
    <message>
        <source>Connection &amp;bar</source>
        <translation>Панель &amp;подключения</translation>
    </message>
    <message>
        <source>Show or hide the connection bar</source>
        <translation>Показать или скрыть панель подключения</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <source>Theme menu</source>
        <translation>Меню «Тема»</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Системная</translation>
    </message>
    <message>
        <source>Follow the desktop&apos;s colours</source>
        <translation>Цвета рабочего стола</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>С&amp;ветлая</translation>
    </message>
    <message>
        <source>Light colours (Fusion)</source>
        <translation>Светлые цвета (Fusion)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Тёмная</translation>
    </message>
    <message>
        <source>Dark colours (Fusion)</source>
        <translation>Тёмные цвета (Fusion)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Увеличить</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Крупнее текст</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>У&amp;меньшить</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Мельче текст</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>&amp;Обычный масштаб</translation>
    </message>
    <message>
        <source>Text in the desktop&apos;s size</source>
        <translation>Текст размера рабочего стола</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>По&amp;дключение</translation>
    </message>
    <message>
        <source>Connection menu</source>
        <translation>Меню «Подключение»</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Подключиться</translation>
    </message>
    <message>
        <source>Connect to the URI in the connection bar</source>
        <translation>Подключиться к URI из панели подключения</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Отключиться</translation>
    </message>
    <message>
        <source>Close the connection (and stop reconnecting)</source>
        <translation>Закрыть подключение (и прекратить переподключение)</translation>
    </message>
    <message>
        <source>&amp;Reconnect automatically</source>
        <translation>Пере&amp;подключаться автоматически</translation>
    </message>
    <message>
        <source>When the connection is lost, try again until it is back</source>
        <translation>При потере подключения пытаться снова, пока оно не восстановится</translation>
    </message>
    <message>
        <source>&amp;Ping</source>
        <translation>П&amp;инг</translation>
    </message>
    <message>
        <source>Ping the server now; the round-trip time shows in the connection bar</source>
        <translation>Пинговать сервер сейчас; время отклика показывается в панели подключения</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Help menu</source>
        <translation>Меню «Справка»</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <source>List every keyboard shortcut of the window</source>
        <translation>Список всех сочетаний клавиш окна</translation>
    </message>
    <message>
        <source>&amp;About Boxscope</source>
        <translation>&amp;О Boxscope</translation>
    </message>
    <message>
        <source>Versions of Boxscope, its libraries and the connected server</source>
        <translation>Версии Boxscope, его библиотек и подключённого сервера</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>О &amp;Qt</translation>
    </message>
    <message>
        <source>The Qt version and licence</source>
        <translation>Версия и лицензия Qt</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Основная панель инструментов</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Send the request the form describes (Ctrl+Enter in the form)</source>
        <translation>Отправить запрос, описанный формой (Ctrl+Enter в форме)</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Send the selected history request again</source>
        <translation>Отправить выбранный запрос истории ещё раз</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Отбросить</translation>
    </message>
    <message>
        <source>Discard the selected pending request (its answer is ignored)</source>
        <translation>Отбросить выбранный ожидающий запрос (его ответ будет проигнорирован)</translation>
    </message>
    <message>
        <source>Pause pushes</source>
        <translation>Пауза push-сообщений</translation>
    </message>
    <message>
        <source>Freeze the push list (the counts go on; pushes are still received and kept)</source>
        <translation>Заморозить список push-сообщений (счётчики идут; сообщения по-прежнему принимаются и хранятся)</translation>
    </message>
    <message>
        <source>&amp;Toolbar</source>
        <translation>Панель &amp;инструментов</translation>
    </message>
    <message>
        <source>Show or hide the toolbar</source>
        <translation>Показать или скрыть панель инструментов</translation>
    </message>
    <message>
        <source>Saved the request to %1</source>
        <translation>Запрос сохранён в %1</translation>
    </message>
    <message>
        <source>Could not save the request to %1: %2</source>
        <translation>Не удалось сохранить запрос в %1: %2</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>Не удалось открыть %1: %2</translation>
    </message>
    <message>
        <source>Opened the request %1</source>
        <translation>Открыт запрос %1</translation>
    </message>
    <message>
        <source>Open request</source>
        <translation>Открыть запрос</translation>
    </message>
    <message>
        <source>Boxscope requests (*.json);;All files (*)</source>
        <translation>Запросы Boxscope (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Save request</source>
        <translation>Сохранить запрос</translation>
    </message>
    <message>
        <source>Export the request history</source>
        <translation>Экспорт истории запросов</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
    <message>
        <source>No request is selected</source>
        <translation>Запрос не выбран</translation>
    </message>
    <message>
        <source>Nothing to copy: the selected request has no result yet</source>
        <translation>Нечего копировать: у выбранного запроса ещё нет результата</translation>
    </message>
    <message>
        <source>Copied %1 (%2 characters)</source>
        <translation>Скопировано: %1 (%2 символов)</translation>
    </message>
    <message>
        <source>The window stays connected to %1; connect to the sandbox at %2 from the connection bar</source>
        <translation>Окно остаётся подключённым к %1; подключиться к песочнице на %2 можно из панели подключения</translation>
    </message>
    <message>
        <source>Server &amp;vitals</source>
        <translation>Показатели &amp;сервера</translation>
    </message>
    <message>
        <source>Server vitals</source>
        <translation>Показатели сервера</translation>
    </message>
    <message>
        <source>Open a connection tab and type the URI of a server to connect to</source>
        <translation>Открыть вкладку подключения и ввести URI сервера</translation>
    </message>
    <message>
        <source>&amp;Close connection tab</source>
        <translation>&amp;Закрыть вкладку подключения</translation>
    </message>
    <message>
        <source>Disconnect the current connection tab and close it</source>
        <translation>Отключить текущую вкладку подключения и закрыть её</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Password of %1 for %2:</source>
        <translation>Пароль %1 для %2:</translation>
    </message>
    <message>
        <source>Password dialog</source>
        <translation>Диалог пароля</translation>
    </message>
    <message>
        <source>Connection bars</source>
        <translation>Панели подключений</translation>
    </message>
    <message>
        <source>console: %1</source>
        <translation>консоль: %1</translation>
    </message>
    <message>
        <source>The Lua console opened a connection to %1</source>
        <translation>Консоль Lua открыла подключение к %1</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Подключения</translation>
    </message>
    <message>
        <source>Connection tabs</source>
        <translation>Вкладки подключений</translation>
    </message>
    <message>
        <source>One tab per connection: the panels show the current one&apos;s; Ctrl+N opens another, Ctrl+W closes it</source>
        <translation>По вкладке на подключение: панели показывают текущее; Ctrl+N открывает ещё одно, Ctrl+W закрывает</translation>
    </message>
    <message>
        <source>New connection tab (Ctrl+N)</source>
        <translation>Новая вкладка подключения (Ctrl+N)</translation>
    </message>
    <message>
        <source>New connection tab</source>
        <translation>Новая вкладка подключения</translation>
    </message>
    <message>
        <source>Opens a connection tab and puts the focus into its URI</source>
        <translation>Открывает вкладку подключения и переводит фокус в поле URI</translation>
    </message>
    <message>
        <source>Opened a connection tab</source>
        <translation>Открыта вкладка подключения</translation>
    </message>
    <message>
        <source>Not connecting: no password given for %1</source>
        <translation>Подключения нет: не задан пароль для %1</translation>
    </message>
    <message>
        <source>Closed the connection tab</source>
        <translation>Вкладка подключения закрыта</translation>
    </message>
    <message>
        <source>Close the connection tab %1</source>
        <translation>Закрыть вкладку подключения %1</translation>
    </message>
    <message>
        <source>Close this connection tab (Ctrl+W)</source>
        <translation>Закрыть эту вкладку подключения (Ctrl+W)</translation>
    </message>
    <message>
        <source>sandbox</source>
        <translation>песочница</translation>
    </message>
    <message>
        <source>Saved c&amp;onnections…</source>
        <translation>Сохранённые &amp;подключения…</translation>
    </message>
    <message>
        <source>Saved connections: name, URI, user, colour tag, read-only; passwords in the keychain</source>
        <translation>Сохранённые подключения: имя, URI, пользователь, цветная метка, только чтение; пароли в связке ключей</translation>
    </message>
    <message>
        <source>Replica set</source>
        <translation>Набор реплик</translation>
    </message>
    <message>
        <source>Fan-out</source>
        <translation>Рассылка</translation>
    </message>
    <message>
        <source>Start a replica &amp;set</source>
        <translation>Запустить &amp;набор реплик</translation>
    </message>
    <message>
        <source>Start a local master and two replicas, open a tab for each and follow them in the Replica set panel</source>
        <translation>Запустить локальные мастер и две реплики, открыть вкладку для каждого и следить за ними на панели «Набор реплик»</translation>
    </message>
    <message>
        <source>Stop the replica set</source>
        <translation>Остановить набор реплик</translation>
    </message>
    <message>
        <source>The sandbox replica set is already running</source>
        <translation>Набор реплик песочницы уже запущен</translation>
    </message>
    <message>
        <source>Sandbox replica set: the master listens on %1, replicas on %2</source>
        <translation>Набор реплик песочницы: мастер слушает %1, реплики — %2</translation>
    </message>
    <message>
        <source>master %1</source>
        <translation>мастер %1</translation>
    </message>
    <message>
        <source>replica %1</source>
        <translation>реплика %1</translation>
    </message>
    <message>
        <source>Sandbox replica set failed: %1</source>
        <translation>Сбой набора реплик песочницы: %1</translation>
    </message>
    <message>
        <source>Starting a sandbox replica set: a master and two replicas (tarantool %1)</source>
        <translation>Запуск набора реплик песочницы: мастер и две реплики (tarantool %1)</translation>
    </message>
    <message>
        <source>Stopping the sandbox replica set</source>
        <translation>Остановка набора реплик песочницы</translation>
    </message>
</context>
<context>
    <name>Boxscope::PasswordVault</name>
    <message>
        <source>Passwords are kept in the system keychain (Secret Service)</source>
        <translation>Пароли хранятся в системной связке ключей (Secret Service)</translation>
    </message>
    <message>
        <source>No keychain: the password is asked for on each connect and not stored</source>
        <translation>Связки ключей нет: пароль запрашивается при каждом подключении и нигде не хранится</translation>
    </message>
    <message>
        <source>Looking for the system keychain…</source>
        <translation>Поиск системной связки ключей…</translation>
    </message>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>связка ключей не ответила за %1 с</translation>
    </message>
    <message>
        <source>Passwords are kept in the system keychain</source>
        <translation>Пароли хранятся в системной связке ключей</translation>
    </message>
    <message>
        <source>No keychain (%1): passwords are asked for on connect</source>
        <translation>Связки ключей нет (%1): пароли запрашиваются при подключении</translation>
    </message>
    <message>
        <source>no keychain</source>
        <translation>связки ключей нет</translation>
    </message>
    <message>
        <source>Keychain: %1</source>
        <translation>Связка ключей: %1</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Password for %1 on %2:</source>
        <translation>Пароль пользователя %1 для %2:</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Пароль для %1</translation>
    </message>
</context>
<context>
    <name>Boxscope::PingSparkline</name>
    <message>
        <source>Ping round-trip time chart</source>
        <translation>График времени отклика ping</translation>
    </message>
    <message>
        <source>No pings yet</source>
        <translation>Ping ещё не было</translation>
    </message>
    <message numerus="yes">
        <source>Last %n ping(s): min %1 ms, median %2 ms, max %3 ms</source>
        <translation>
            <numerusform>Последний %n ping: мин. %1 мс, медиана %2 мс, макс. %3 мс</numerusform>
            <numerusform>Последние %n ping: мин. %1 мс, медиана %2 мс, макс. %3 мс</numerusform>
            <numerusform>Последние %n ping: мин. %1 мс, медиана %2 мс, макс. %3 мс</numerusform>
        </translation>
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
    <message>
        <source>Δt, ms</source>
        <translation>Δt, мс</translation>
    </message>
    <message>
        <source>(could not be read back from the spill file)</source>
        <translation>(не удалось прочитать из файла подкачки)</translation>
    </message>
</context>
<context>
    <name>Boxscope::PushRateChart</name>
    <message>
        <source>Push rate and gaps</source>
        <translation>Частота push-сообщений и промежутки</translation>
    </message>
    <message>
        <source>0.1–1 ms</source>
        <translation>0,1–1 мс</translation>
    </message>
    <message>
        <source>1–10 ms</source>
        <translation>1–10 мс</translation>
    </message>
    <message>
        <source>10–100 ms</source>
        <translation>10–100 мс</translation>
    </message>
    <message>
        <source>0.1–1 s</source>
        <translation>0,1–1 с</translation>
    </message>
    <message>
        <source>Push rate summary</source>
        <translation>Сводка по частоте push-сообщений</translation>
    </message>
    <message>
        <source>Pushes per second</source>
        <translation>Push-сообщений в секунду</translation>
    </message>
    <message>
        <source>s since sent</source>
        <translation>с после отправки</translation>
    </message>
    <message>
        <source>pushes/s</source>
        <translation>push/с</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Промежутки</translation>
    </message>
    <message>
        <source>Gaps between pushes</source>
        <translation>Промежутки между push-сообщениями</translation>
    </message>
    <message>
        <source>No request selected</source>
        <translation>Запрос не выбран</translation>
    </message>
    <message>
        <source>%1 pushes, peak %2/s (bins of %3 s)</source>
        <translation>Push-сообщений: %1, пик %2/с (интервалы по %3 с)</translation>
    </message>
    <message>
        <source>; %1 received before this view counted</source>
        <translation>; %1 получено до начала подсчёта</translation>
    </message>
    <message>
        <source>0–0.1 ms</source>
        <translation>0–0,1 мс</translation>
    </message>
    <message>
        <source>≥ 1 s</source>
        <translation>≥ 1 с</translation>
    </message>
    <message>
        <source>gaps between pushes</source>
        <translation>промежутки между push-сообщениями</translation>
    </message>
    <message>
        <source>Push charts</source>
        <translation>Графики push-сообщений</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Частота</translation>
    </message>
</context>
<context>
    <name>Boxscope::ReadOnlyGuard</name>
    <message>
        <source>Read-only connection</source>
        <translation>Подключение только для чтения</translation>
    </message>
    <message>
        <source>This connection is read-only. Eval and call run Lua on the server, which can write. Allow %1 (and every eval and call) until this connection is closed?</source>
        <translation>Это подключение только для чтения. Eval и call выполняют Lua на сервере, а он может записывать данные. Разрешить %1 (и все eval и call) до закрытия подключения?</translation>
    </message>
    <message>
        <source>Allow eval and call on a read-only connection</source>
        <translation>Разрешить eval и call на подключении только для чтения</translation>
    </message>
</context>
<context>
    <name>Boxscope::RemoteCallPanel</name>
    <message>
        <source>Remote-call panel</source>
        <translation>Панель удалённых вызовов</translation>
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
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <source>Waiting for the previous synchronous request</source>
        <translation>Ожидание предыдущего синхронного запроса</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Clear the request history</source>
        <translation>Очистить историю запросов</translation>
    </message>
    <message>
        <source>Forget every request listed (a pending one is discarded)</source>
        <translation>Забыть все запросы в списке (ожидающий ответа отменяется)</translation>
    </message>
    <message>
        <source>Export history…</source>
        <translation>Экспорт истории…</translation>
    </message>
    <message>
        <source>Export the whole history as JSON lines</source>
        <translation>Экспортировать всю историю в JSON Lines</translation>
    </message>
    <message>
        <source>Export the request history</source>
        <translation>Экспорт истории запросов</translation>
    </message>
    <message>
        <source>Remote call › Send the request</source>
        <translation>Удалённый вызов › Отправить запрос</translation>
    </message>
    <message>
        <source>Export pushes and result as JSON lines, YAML or msgpack</source>
        <translation>Экспортировать push-сообщения и результат в формате JSON lines, YAML или msgpack</translation>
    </message>
    <message>
        <source>JSON lines: pushes and result (*.jsonl)</source>
        <translation>JSON lines: push-сообщения и результат (*.jsonl)</translation>
    </message>
    <message>
        <source>YAML: a document per push (*.yaml *.yml)</source>
        <translation>YAML: документ на каждое push-сообщение (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>msgpack: the pushes&apos; values (*.msgpack *.mp)</source>
        <translation>msgpack: значения push-сообщений (*.msgpack *.mp)</translation>
    </message>
    <message>
        <source>SYNC %1 timed out after %2 (the Timeout field)</source>
        <translation>SYNC %1: тайм-аут через %2 (поле «Тайм-аут»)</translation>
    </message>
    <message>
        <source>push %1 could not be read back from the spill file</source>
        <translation>push-сообщение %1 не удалось прочитать из файла подкачки</translation>
    </message>
</context>
<context>
    <name>Boxscope::ReplicaSetModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Экземпляр</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>Upstream</translation>
    </message>
    <message>
        <source>Downstream</source>
        <translation>Downstream</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Отставание</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Простой</translation>
    </message>
    <message>
        <source>Lag chart</source>
        <translation>График отставания</translation>
    </message>
    <message>
        <source>Vclock</source>
        <translation>Vclock</translation>
    </message>
    <message>
        <source>Election</source>
        <translation>Выборы</translation>
    </message>
    <message>
        <source>Error / down since</source>
        <translation>Ошибка / недоступен с</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>from %1 (id %2): %3, lag %4, idle %5%6</source>
        <translation>от %1 (id %2): %3, отставание %4, простой %5%6</translation>
    </message>
    <message>
        <source>to id %1: %2, idle %3%4</source>
        <translation>к id %1: %2, простой %3%4</translation>
    </message>
    <message>
        <source>Last error at %1: %2</source>
        <translation>Последняя ошибка в %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>The largest upstream lag at each refresh (the last %n)</source>
        <translation>
            <numerusform>Наибольшее отставание upstream при каждом обновлении (последнее %n)</numerusform>
            <numerusform>Наибольшее отставание upstream при каждом обновлении (последние %n)</numerusform>
            <numerusform>Наибольшее отставание upstream при каждом обновлении (последние %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>ro</source>
        <translation>ro</translation>
    </message>
    <message>
        <source>rw</source>
        <translation>rw</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>подключение</translation>
    </message>
    <message>
        <source>down</source>
        <translation>недоступен</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>не отвечает</translation>
    </message>
    <message>
        <source>down since %1: %2</source>
        <translation>недоступен с %1: %2</translation>
    </message>
    <message>
        <source>no answer since %1: %2</source>
        <translation>нет ответа с %1: %2</translation>
    </message>
</context>
<context>
    <name>Boxscope::ReplicaSetPanel</name>
    <message>
        <source>Seed URI:</source>
        <translation>Начальный URI:</translation>
    </message>
    <message>
        <source>Seed URI</source>
        <translation>Начальный URI</translation>
    </message>
    <message>
        <source>host:port of any instance</source>
        <translation>host:port любого экземпляра</translation>
    </message>
    <message>
        <source>Discover</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>Discover the replica set</source>
        <translation>Найти набор реплик</translation>
    </message>
    <message>
        <source>Connect to the seed, read box.info.replication and follow every instance it names</source>
        <translation>Подключиться к начальному URI, прочитать box.info.replication и следить за каждым названным там экземпляром</translation>
    </message>
    <message>
        <source>Refresh every:</source>
        <translation>Обновлять каждые:</translation>
    </message>
    <message>
        <source>Refresh interval</source>
        <translation>Интервал обновления</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Open all as connections</source>
        <translation>Открыть все как подключения</translation>
    </message>
    <message>
        <source>Open all instances as connections</source>
        <translation>Открыть все экземпляры как подключения</translation>
    </message>
    <message>
        <source>Replica set instances</source>
        <translation>Экземпляры набора реплик</translation>
    </message>
    <message>
        <source>Replica set status</source>
        <translation>Состояние набора реплик</translation>
    </message>
    <message>
        <source>Cannot use the seed: %1</source>
        <translation>Нельзя использовать начальный URI: %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Open %1 as a connection</source>
        <translation>Открыть %1 как подключение</translation>
    </message>
    <message>
        <source>Enter the URI of any instance and press Discover.</source>
        <translation>Введите URI любого экземпляра и нажмите «Найти».</translation>
    </message>
    <message>
        <source>Instances: %1, down: %2; refreshed every %3 s</source>
        <translation>Экземпляров: %1, недоступно: %2; обновление каждые %3 с</translation>
    </message>
    <message>
        <source>rw</source>
        <translation>rw</translation>
    </message>
    <message>
        <source>ro</source>
        <translation>ro</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>не отвечает</translation>
    </message>
</context>
<context>
    <name>Boxscope::RequestDetail</name>
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
        <source>SYNC %1 %2 %3</source>
        <translation>SYNC %1 %2 %3</translation>
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
        <source> (count only)</source>
        <translation> (только счёт)</translation>
    </message>
    <message>
        <source>Push #%1</source>
        <translation>Push-сообщение №%1</translation>
    </message>
    <message>
        <source>Filter: value text</source>
        <translation>Фильтр: текст значения</translation>
    </message>
    <message>
        <source>Push list: filter by value text</source>
        <translation>Список push-сообщений: фильтр по тексту значения</translation>
    </message>
    <message>
        <source>Selected push or push charts</source>
        <translation>Выбранное push-сообщение или графики push-сообщений</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>График</translation>
    </message>
    <message>
        <source>Pushes per second and the gaps between pushes</source>
        <translation>Push-сообщений в секунду и промежутки между ними</translation>
    </message>
    <message>
        <source>, %1 MiB on disk</source>
        <translation>, %1 МиБ на диске</translation>
    </message>
</context>
<context>
    <name>Boxscope::RequestFile</name>
    <message>
        <source>not JSON: %1 at offset %2</source>
        <translation>не JSON: %1 на смещении %2</translation>
    </message>
    <message>
        <source>not a request: the JSON is not an object</source>
        <translation>не запрос: JSON не является объектом</translation>
    </message>
    <message>
        <source>not a request file: &quot;format&quot; is not &quot;%1&quot;</source>
        <translation>не файл запроса: «format» не «%1»</translation>
    </message>
    <message>
        <source>a request file of version %1; this Boxscope reads version %2</source>
        <translation>файл запроса версии %1; этот Boxscope читает версию %2</translation>
    </message>
    <message>
        <source>unknown method &quot;%1&quot;</source>
        <translation>неизвестный метод «%1»</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a string</source>
        <translation>«%1» не строка</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number from %2 to %3</source>
        <translation>«%1» не число от %2 до %3</translation>
    </message>
    <message>
        <source>&quot;async&quot; is not true or false</source>
        <translation>«async» не true и не false</translation>
    </message>
    <message>
        <source>unknown iterator &quot;%1&quot; (EQ, REQ, ALL, LT, LE, GE or GT)</source>
        <translation>неизвестный итератор «%1» (EQ, REQ, ALL, LT, LE, GE или GT)</translation>
    </message>
    <message>
        <source>not a request file: %1 bytes</source>
        <translation>не файл запроса: %1 байт</translation>
    </message>
</context>
<context>
    <name>Boxscope::RequestForm</name>
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
        <source>Async</source>
        <translation>Асинхронно</translation>
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
        <source>On: several requests in flight. Off: like a synchronous net.box call, the next request waits until this one ends.</source>
        <translation>Включено: несколько запросов одновременно. Выключено: как синхронный вызов net.box — следующий запрос ждёт, пока не закончится этот.</translation>
    </message>
    <message>
        <source>Space list</source>
        <translation>Список спейсов</translation>
    </message>
    <message>
        <source>Function list</source>
        <translation>Список функций</translation>
    </message>
    <message>
        <source>System space</source>
        <translation>Системный спейс</translation>
    </message>
    <message>
        <source>— System spaces —</source>
        <translation>— Системные спейсы —</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Тайм-аут:</translation>
    </message>
    <message>
        <source>Reset timeout</source>
        <translation>Сбросить тайм-аут</translation>
    </message>
    <message>
        <source>Reset timeout: send the next requests without one</source>
        <translation>Сбросить тайм-аут: следующие запросы без него</translation>
    </message>
    <message>
        <source>Every request sent now fails if it takes longer than %1 s</source>
        <translation>Каждый отправленный теперь запрос завершится ошибкой, если займёт больше %1 с</translation>
    </message>
    <message>
        <source>No timeout: requests wait for their answer</source>
        <translation>Без тайм-аута: запросы ждут ответа</translation>
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
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>timeout %1</source>
        <translation>тайм-аут %1</translation>
    </message>
    <message>
        <source>timed out after %1</source>
        <translation>тайм-аут через %1</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>не отправлен</translation>
    </message>
</context>
<context>
    <name>Boxscope::RequestLogger</name>
    <message>
        <source>SYNC %1 %2 %3 %4</source>
        <translation>SYNC %1 %2 %3 %4</translation>
    </message>
    <message>
        <source>SYNC %1 %2 %3 (from %4)</source>
        <translation>SYNC %1 %2 %3 (из: %4)</translation>
    </message>
    <message>
        <source>Exported SYNC %1 (%2 push(es)) to %3</source>
        <translation>SYNC %1 (push-сообщений: %2) экспортирован в %3</translation>
    </message>
    <message>
        <source>Cannot export to %1: %2</source>
        <translation>Не удаётся экспортировать в %1: %2</translation>
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
    <message numerus="yes">
        <source>Exported the history (%n request(s)) to %1</source>
        <translation>
            <numerusform>История (%n запрос) экспортирована в %1</numerusform>
            <numerusform>История (%n запроса) экспортирована в %1</numerusform>
            <numerusform>История (%n запросов) экспортирована в %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Boxscope::SandboxReplicaSet</name>
    <message>
        <source>No free loopback ports for %1 instances</source>
        <translation>Нет свободных портов на loopback для %1 экземпляров</translation>
    </message>
    <message>
        <source>Instance %1 (%2): %3</source>
        <translation>Экземпляр %1 (%2): %3</translation>
    </message>
    <message>
        <source>The replica set did not start within %1 s</source>
        <translation>Набор реплик не запустился за %1 с</translation>
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
    <message>
        <source>was killed by signal %1</source>
        <translation>завершён сигналом %1</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>завершился с кодом %1</translation>
    </message>
</context>
<context>
    <name>Boxscope::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
</context>
<context>
    <name>Boxscope::SocketInspectorPanel</name>
    <message>
        <source>TCP client (tcp_connect)</source>
        <translation>TCP-клиент (tcp_connect)</translation>
    </message>
    <message>
        <source>TCP server (tcp_server)</source>
        <translation>TCP-сервер (tcp_server)</translation>
    </message>
    <message>
        <source>UDP (bind)</source>
        <translation>UDP (bind)</translation>
    </message>
    <message>
        <source>Unix client (unix/)</source>
        <translation>Unix-клиент (unix/)</translation>
    </message>
    <message>
        <source>Unix server (unix/)</source>
        <translation>Unix-сервер (unix/)</translation>
    </message>
    <message>
        <source>New session kind</source>
        <translation>Вид нового сеанса</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Порт</translation>
    </message>
    <message>
        <source>0: any free port (servers and UDP)</source>
        <translation>0: любой свободный порт (серверы и UDP)</translation>
    </message>
    <message>
        <source>/path/to/socket</source>
        <translation>/путь/к/сокету</translation>
    </message>
    <message>
        <source>Unix socket path</source>
        <translation>Путь к unix-сокету</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>no timeout</source>
        <translation>без тайм-аута</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>Тайм-аут подключения</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Открыть сеанс</translation>
    </message>
    <message>
        <source>Open error</source>
        <translation>Ошибка открытия</translation>
    </message>
    <message>
        <source>host</source>
        <translation>хост</translation>
    </message>
    <message>
        <source>port</source>
        <translation>порт</translation>
    </message>
    <message>
        <source>path</source>
        <translation>путь</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>тайм-аут</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Сеанс</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Socket sessions</source>
        <translation>Сеансы сокетов</translation>
    </message>
    <message>
        <source>Close and remove</source>
        <translation>Закрыть и убрать</translation>
    </message>
    <message>
        <source>Close and remove the selected session</source>
        <translation>Закрыть и убрать выбранный сеанс</translation>
    </message>
    <message>
        <source>Selected session</source>
        <translation>Выбранный сеанс</translation>
    </message>
    <message>
        <source>getaddrinfo</source>
        <translation>getaddrinfo</translation>
    </message>
    <message>
        <source>Address lookup (getaddrinfo)</source>
        <translation>Поиск адресов (getaddrinfo)</translation>
    </message>
    <message>
        <source>socket #%1</source>
        <translation>сокет №%1</translation>
    </message>
    <message>
        <source>socket</source>
        <translation>сокет</translation>
    </message>
    <message>
        <source>tcp_connect(%1, %2)</source>
        <translation>tcp_connect(%1, %2)</translation>
    </message>
    <message>
        <source>tcp_connect(&apos;unix/&apos;, %1)</source>
        <translation>tcp_connect(&apos;unix/&apos;, %1)</translation>
    </message>
    <message>
        <source>UDP bind %1:%2 failed: %3</source>
        <translation>UDP bind %1:%2 не удался: %3</translation>
    </message>
    <message>
        <source>UDP socket bound to %1</source>
        <translation>UDP-сокет привязан к %1</translation>
    </message>
    <message>
        <source>tcp_server(%1, %2) failed: %3</source>
        <translation>tcp_server(%1, %2) не удался: %3</translation>
    </message>
    <message>
        <source>Unix server on %1 failed: %2</source>
        <translation>Unix-сервер на %1 не запущен: %2</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>слушает</translation>
    </message>
    <message>
        <source>server #%1</source>
        <translation>сервер №%1</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <source>listening on %1</source>
        <translation>слушает %1</translation>
    </message>
    <message>
        <source>A unix socket needs a path</source>
        <translation>Unix-сокету нужен путь</translation>
    </message>
    <message>
        <source>A host is needed</source>
        <translation>Нужен хост</translation>
    </message>
    <message>
        <source>, peer closed</source>
        <translation>, собеседник закрыл соединение</translation>
    </message>
</context>
<context>
    <name>Boxscope::SocketOptionsEditor</name>
    <message>
        <source>Option</source>
        <translation>Опция</translation>
    </message>
    <message>
        <source>Value (getsockopt)</source>
        <translation>Значение (getsockopt)</translation>
    </message>
    <message>
        <source>Socket options</source>
        <translation>Опции сокета</translation>
    </message>
    <message>
        <source>Option to set</source>
        <translation>Устанавливаемая опция</translation>
    </message>
    <message>
        <source>true, 65536, 0.5, on 5 …</source>
        <translation>true, 65536, 0.5, on 5 …</translation>
    </message>
    <message>
        <source>Option value</source>
        <translation>Значение опции</translation>
    </message>
    <message>
        <source>setsockopt</source>
        <translation>setsockopt</translation>
    </message>
    <message>
        <source>Set option</source>
        <translation>Установить опцию</translation>
    </message>
    <message>
        <source>Read back</source>
        <translation>Перечитать</translation>
    </message>
    <message>
        <source>Read options back</source>
        <translation>Перечитать опции</translation>
    </message>
    <message>
        <source>getsockopt() for every option</source>
        <translation>getsockopt() для каждой опции</translation>
    </message>
    <message>
        <source>Option error</source>
        <translation>Ошибка опции</translation>
    </message>
    <message>
        <source>read only</source>
        <translation>только чтение</translation>
    </message>
    <message>
        <source>%1 takes true or false</source>
        <translation>%1 принимает true или false</translation>
    </message>
    <message>
        <source>%1 takes an integer</source>
        <translation>%1 принимает целое число</translation>
    </message>
    <message>
        <source>%1 takes seconds (a number ≥ 0)</source>
        <translation>%1 принимает секунды (число ≥ 0)</translation>
    </message>
    <message>
        <source>SO_LINGER takes &quot;on SECONDS&quot; or &quot;off&quot;</source>
        <translation>SO_LINGER принимает «on СЕКУНДЫ» или «off»</translation>
    </message>
    <message>
        <source>%1 is read only</source>
        <translation>%1 только для чтения</translation>
    </message>
    <message>
        <source>setsockopt %1 = %2, reads back %3</source>
        <translation>setsockopt %1 = %2, прочитано обратно %3</translation>
    </message>
    <message>
        <source>setsockopt %1: %2</source>
        <translation>setsockopt %1: %2</translation>
    </message>
    <message>
        <source>No socket</source>
        <translation>Нет сокета</translation>
    </message>
</context>
<context>
    <name>Boxscope::SocketReadResults</name>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Errno</source>
        <translation>Errno</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Read results</source>
        <translation>Результаты чтения</translation>
    </message>
    <message>
        <source>Read results dropped</source>
        <translation>Отброшено результатов чтения</translation>
    </message>
    <message numerus="yes">
        <source>%n older result(s) dropped</source>
        <translation>
            <numerusform>%n старый результат отброшен</numerusform>
            <numerusform>%n старых результата отброшено</numerusform>
            <numerusform>%n старых результатов отброшено</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Boxscope::SocketReceiveGroup</name>
    <message>
        <source>no limit</source>
        <translation>без ограничения</translation>
    </message>
    <message>
        <source>Read limit</source>
        <translation>Предел чтения</translation>
    </message>
    <message>
        <source>read(limit): at most this many bytes</source>
        <translation>read(limit): не больше стольких байт</translation>
    </message>
    <message>
        <source>delimiter, e.g. \n</source>
        <translation>разделитель, например \n</translation>
    </message>
    <message>
        <source>Read delimiter</source>
        <translation>Разделитель чтения</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>no timeout</source>
        <translation>без тайм-аута</translation>
    </message>
    <message>
        <source>Read timeout</source>
        <translation>Тайм-аут чтения</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Читать</translation>
    </message>
    <message>
        <source>Cancel reads</source>
        <translation>Отменить чтения</translation>
    </message>
    <message>
        <source>Cancel pending reads</source>
        <translation>Отменить ожидающие чтения</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Следить</translation>
    </message>
    <message>
        <source>Follow: show everything as it arrives</source>
        <translation>Следить: показывать всё по мере поступления</translation>
    </message>
    <message>
        <source>recvfrom</source>
        <translation>recvfrom</translation>
    </message>
    <message>
        <source>Receive a datagram</source>
        <translation>Принять датаграмму</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>предел</translation>
    </message>
    <message>
        <source>delimiter</source>
        <translation>разделитель</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>тайм-аут</translation>
    </message>
    <message numerus="yes">
        <source>%1 → %2, %n byte(s)</source>
        <translation>
            <numerusform>%1 → %2, %n байт</numerusform>
            <numerusform>%1 → %2, %n байта</numerusform>
            <numerusform>%1 → %2, %n байт</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>datagram of %n byte(s) from %1</source>
        <translation>
            <numerusform>датаграмма из %n байта от %1</numerusform>
            <numerusform>датаграмма из %n байт от %1</numerusform>
            <numerusform>датаграмма из %n байт от %1</numerusform>
        </translation>
    </message>
    <message>
        <source>peer closed its side (EOF)</source>
        <translation>собеседник закрыл свою сторону (EOF)</translation>
    </message>
    <message>
        <source>follow</source>
        <translation>слежение</translation>
    </message>
    <message>
        <source>follow on</source>
        <translation>слежение включено</translation>
    </message>
    <message>
        <source>follow off</source>
        <translation>слежение выключено</translation>
    </message>
    <message>
        <source>Delimiter: %1</source>
        <translation>Разделитель: %1</translation>
    </message>
    <message>
        <source>from %1 (%2, port %3)</source>
        <translation>от %1 (%2, порт %3)</translation>
    </message>
</context>
<context>
    <name>Boxscope::SocketSendGroup</name>
    <message>
        <source>Text with escapes (\n, \r\n, \xNN) or hex bytes</source>
        <translation>Текст с экранированием (\n, \r\n, \xNN) или байты в hex</translation>
    </message>
    <message>
        <source>Data to send</source>
        <translation>Данные для отправки</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Send as</source>
        <translation>Отправить как</translation>
    </message>
    <message>
        <source>no line ending</source>
        <translation>без конца строки</translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation>Конец строки</translation>
    </message>
    <message>
        <source>Destination host</source>
        <translation>Хост назначения</translation>
    </message>
    <message>
        <source>host</source>
        <translation>хост</translation>
    </message>
    <message>
        <source>Destination port</source>
        <translation>Порт назначения</translation>
    </message>
    <message>
        <source>sendto</source>
        <translation>sendto</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Send file…</source>
        <translation>Отправить файл…</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>Отправить файл</translation>
    </message>
    <message>
        <source>Send error</source>
        <translation>Ошибка отправки</translation>
    </message>
    <message>
        <source>to</source>
        <translation>на</translation>
    </message>
    <message>
        <source>sendto %1:%2</source>
        <translation>sendto %1:%2</translation>
    </message>
    <message>
        <source>send</source>
        <translation>send</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 не удался: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n byte(s)</source>
        <translation>
            <numerusform>%1: %n байт</numerusform>
            <numerusform>%1: %n байта</numerusform>
            <numerusform>%1: %n байт</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>Sending %1 failed: %2</source>
        <translation>Не удалось отправить %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>sent the file %1: %n byte(s)</source>
        <translation>
            <numerusform>отправлен файл %1: %n байт</numerusform>
            <numerusform>отправлен файл %1: %n байта</numerusform>
            <numerusform>отправлен файл %1: %n байт</numerusform>
        </translation>
    </message>
    <message>
        <source>sendto %1</source>
        <translation>sendto %1</translation>
    </message>
    <message>
        <source>Reply to sender</source>
        <translation>Ответить отправителю</translation>
    </message>
    <message>
        <source>Reply to the sender of the latest datagram</source>
        <translation>Ответить отправителю последней датаграммы</translation>
    </message>
    <message>
        <source>No datagram received yet</source>
        <translation>Датаграмм ещё не получено</translation>
    </message>
    <message>
        <source>No datagram received yet: there is no sender to reply to</source>
        <translation>Датаграмм ещё не получено: некому отвечать</translation>
    </message>
</context>
<context>
    <name>Boxscope::SocketServerPage</name>
    <message>
        <source>Server state</source>
        <translation>Состояние сервера</translation>
    </message>
    <message>
        <source>Bound address (name)</source>
        <translation>Привязанный адрес (name)</translation>
    </message>
    <message>
        <source>Accepted clients</source>
        <translation>Принятые клиенты</translation>
    </message>
    <message>
        <source>Stop listening</source>
        <translation>Перестать слушать</translation>
    </message>
    <message>
        <source>close() the listening socket; accepted clients stay open</source>
        <translation>close() слушающего сокета; принятые клиенты остаются открытыми</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Состояние:</translation>
    </message>
    <message>
        <source>name():</source>
        <translation>name():</translation>
    </message>
    <message>
        <source>Accepted clients (accept()) — double-click to open:</source>
        <translation>Принятые клиенты (accept()) — двойной щелчок открывает:</translation>
    </message>
    <message>
        <source>Options of the listening socket:</source>
        <translation>Опции слушающего сокета:</translation>
    </message>
    <message>
        <source>error %1 %2</source>
        <translation>ошибка %1 %2</translation>
    </message>
    <message>
        <source>#%1  %2</source>
        <translation>№%1  %2</translation>
    </message>
    <message>
        <source>accepted a client from %1</source>
        <translation>принят клиент с %1</translation>
    </message>
    <message>
        <source>Closed server</source>
        <translation>Закрытый сервер</translation>
    </message>
    <message>
        <source>Unix server %1</source>
        <translation>Unix-сервер %1</translation>
    </message>
    <message>
        <source>TCP server %1</source>
        <translation>TCP-сервер %1</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>не запущен</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>слушает</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n client(s) accepted</source>
        <translation>
            <numerusform>%1, принят %n клиент</numerusform>
            <numerusform>%1, принято %n клиента</numerusform>
            <numerusform>%1, принято %n клиентов</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · peer closed</source>
        <translation>%1 · собеседник закрыл соединение</translation>
    </message>
    <message>
        <source>%1, peer closed (EOF)</source>
        <translation>%1, собеседник закрыл соединение (EOF)</translation>
    </message>
</context>
<context>
    <name>Boxscope::SocketSessionPage</name>
    <message>
        <source>TCP client</source>
        <translation>TCP-клиент</translation>
    </message>
    <message>
        <source>TCP accepted</source>
        <translation>TCP принятый</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>Unix client</source>
        <translation>Unix-клиент</translation>
    </message>
    <message>
        <source>Unix accepted</source>
        <translation>Unix принятый</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>Сокет</translation>
    </message>
    <message>
        <source>Transcript: every chunk sent and received</source>
        <translation>Журнал обмена: каждый отправленный и полученный фрагмент</translation>
    </message>
    <message>
        <source>Transcript counts</source>
        <translation>Счётчики журнала обмена</translation>
    </message>
    <message>
        <source>Selected chunk as hex dump</source>
        <translation>Выбранный фрагмент в виде hex-дампа</translation>
    </message>
    <message>
        <source>Select a chunk to see all of its bytes</source>
        <translation>Выберите фрагмент, чтобы увидеть все его байты</translation>
    </message>
    <message>
        <source>Session sections</source>
        <translation>Разделы сеанса</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Обмен</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Опции</translation>
    </message>
    <message>
        <source>state %1</source>
        <translation>состояние %1</translation>
    </message>
    <message>
        <source>connected: name %1, peer %2</source>
        <translation>подключено: name %1, peer %2</translation>
    </message>
    <message>
        <source>error %1 %2</source>
        <translation>ошибка %1 %2</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <source>Closed socket</source>
        <translation>Закрытый сокет</translation>
    </message>
    <message numerus="yes">
        <source>#%1 %2, %n byte(s)</source>
        <translation>
            <numerusform>№%1 %2, %n байт</numerusform>
            <numerusform>№%1 %2, %n байта</numerusform>
            <numerusform>№%1 %2, %n байт</numerusform>
        </translation>
    </message>
    <message>
        <source>sent</source>
        <translation>отправлено</translation>
    </message>
    <message>
        <source>received</source>
        <translation>получено</translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s) shown</source>
        <translation>
            <numerusform>показан %n фрагмент</numerusform>
            <numerusform>показано %n фрагмента</numerusform>
            <numerusform>показано %n фрагментов</numerusform>
        </translation>
    </message>
    <message>
        <source>; %1 bytes received, %2 bytes sent</source>
        <translation>; байт получено: %1, отправлено: %2</translation>
    </message>
    <message numerus="yes">
        <source>; %n older chunk(s) dropped</source>
        <translation>
            <numerusform>; %n старый фрагмент отброшен</numerusform>
            <numerusform>; %n старых фрагмента отброшено</numerusform>
            <numerusform>; %n старых фрагментов отброшено</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Boxscope::SocketStateGroup</name>
    <message>
        <source>timed out (&quot;&quot;)</source>
        <translation>тайм-аут (&quot;&quot;)</translation>
    </message>
    <message>
        <source>wait → &quot;%1&quot;</source>
        <translation>wait → &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Session state</source>
        <translation>Состояние сеанса</translation>
    </message>
    <message>
        <source>Local address (name)</source>
        <translation>Локальный адрес (name)</translation>
    </message>
    <message>
        <source>Peer address (peer)</source>
        <translation>Адрес собеседника (peer)</translation>
    </message>
    <message>
        <source>Last error (errno)</source>
        <translation>Последняя ошибка (errno)</translation>
    </message>
    <message>
        <source>Readiness</source>
        <translation>Готовность</translation>
    </message>
    <message>
        <source>readable</source>
        <translation>чтение</translation>
    </message>
    <message>
        <source>writable</source>
        <translation>запись</translation>
    </message>
    <message>
        <source>either (wait)</source>
        <translation>любое (wait)</translation>
    </message>
    <message>
        <source>Wait for</source>
        <translation>Ждать</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>no timeout</source>
        <translation>без тайм-аута</translation>
    </message>
    <message>
        <source>Wait timeout</source>
        <translation>Тайм-аут ожидания</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Ждать</translation>
    </message>
    <message>
        <source>sock:readable() / writable() / wait(): without blocking, reports when the socket is ready</source>
        <translation>sock:readable() / writable() / wait(): без блокировки сообщает, когда сокет готов</translation>
    </message>
    <message>
        <source>Wait result</source>
        <translation>Результат ожидания</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Состояние:</translation>
    </message>
    <message>
        <source>name():</source>
        <translation>name():</translation>
    </message>
    <message>
        <source>peer():</source>
        <translation>peer():</translation>
    </message>
    <message>
        <source>error():</source>
        <translation>error():</translation>
    </message>
    <message>
        <source>Ready:</source>
        <translation>Готов:</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>ожидание…</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>удалён</translation>
    </message>
    <message>
        <source>, peer closed (EOF)</source>
        <translation>, собеседник закрыл соединение (EOF)</translation>
    </message>
    <message numerus="yes">
        <source>, %n byte(s) buffered</source>
        <translation>
            <numerusform>, в буфере %n байт</numerusform>
            <numerusform>, в буфере %n байта</numerusform>
            <numerusform>, в буфере %n байт</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n datagram(s) waiting</source>
        <translation>
            <numerusform>, ждёт %n датаграмма</numerusform>
            <numerusform>, ждут %n датаграммы</numerusform>
            <numerusform>, ждут %n датаграмм</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n read(s) pending</source>
        <translation>
            <numerusform>, ожидает %n чтение</numerusform>
            <numerusform>, ожидают %n чтения</numerusform>
            <numerusform>, ожидают %n чтений</numerusform>
        </translation>
    </message>
    <message>
        <source>none (errno 0)</source>
        <translation>нет (errno 0)</translation>
    </message>
    <message>
        <source>errno %1: %2</source>
        <translation>errno %1: %2</translation>
    </message>
    <message>
        <source>readable: %1, writable: %2, nonblock: %3</source>
        <translation>чтение: %1, запись: %2, nonblock: %3</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
</context>
<context>
    <name>Boxscope::SocketTeardownGroup</name>
    <message>
        <source>write (SHUT_WR)</source>
        <translation>запись (SHUT_WR)</translation>
    </message>
    <message>
        <source>read (SHUT_RD)</source>
        <translation>чтение (SHUT_RD)</translation>
    </message>
    <message>
        <source>both (SHUT_RDWR)</source>
        <translation>обе (SHUT_RDWR)</translation>
    </message>
    <message>
        <source>Shut down which side</source>
        <translation>Какую сторону закрыть</translation>
    </message>
    <message>
        <source>Shutdown</source>
        <translation>Shutdown</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Close the socket</source>
        <translation>Закрыть сокет</translation>
    </message>
    <message>
        <source>shutdown(%1)</source>
        <translation>shutdown(%1)</translation>
    </message>
    <message>
        <source>shutdown failed: %1</source>
        <translation>shutdown не удался: %1</translation>
    </message>
</context>
<context>
    <name>Boxscope::SocketTranscriptModel</name>
    <message>
        <source>sent</source>
        <translation>отправлено</translation>
    </message>
    <message>
        <source>received</source>
        <translation>получено</translation>
    </message>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Направление</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Собеседник</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
</context>
<context>
    <name>Boxscope::StreamBar</name>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>%1: pause the display</source>
        <translation>%1: приостановить показ</translation>
    </message>
    <message>
        <source>%1: paused</source>
        <translation>%1: на паузе</translation>
    </message>
    <message>
        <source>Search text or hex bytes</source>
        <translation>Поиск текста или байтов в hex</translation>
    </message>
    <message>
        <source>%1: search</source>
        <translation>%1: поиск</translation>
    </message>
    <message>
        <source>%1: previous match</source>
        <translation>%1: предыдущее совпадение</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Предыдущее совпадение (Shift+Enter)</translation>
    </message>
    <message>
        <source>%1: next match</source>
        <translation>%1: следующее совпадение</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Следующее совпадение (Enter)</translation>
    </message>
    <message>
        <source>%1: matches</source>
        <translation>%1: совпадения</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Сначала новые</translation>
    </message>
    <message>
        <source>%1: newest first</source>
        <translation>%1: сначала новые</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>%1: clear</source>
        <translation>%1: очистить</translation>
    </message>
    <message>
        <source>Hide the rows received so far (Restore brings them back)</source>
        <translation>Скрыть полученные строки («Восстановить» вернёт их)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <source>%1: restore the cleared rows</source>
        <translation>%1: восстановить очищенные строки</translation>
    </message>
    <message>
        <source>%1: time between the selected rows</source>
        <translation>%1: время между выбранными строками</translation>
    </message>
    <message>
        <source>%1 received, %2 kept, %3 dropped</source>
        <translation>получено: %1, хранится: %2, отброшено: %3</translation>
    </message>
    <message>
        <source>, %1 cleared</source>
        <translation>, очищено: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>paused at %1 — %2 new</source>
        <translation>пауза с %1 — новых: %2</translation>
    </message>
    <message>
        <source>no matches</source>
        <translation>нет совпадений</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>совпадений: %1</translation>
    </message>
    <message>
        <source>Δ between #%1 and #%2: no longer held</source>
        <translation>Δ между №%1 и №%2: уже не хранится</translation>
    </message>
    <message>
        <source>Δ between #%1 and #%2: %3 ms</source>
        <translation>Δ между №%1 и №%2: %3 мс</translation>
    </message>
    <message>
        <source>Pause: freeze the list; receiving goes on</source>
        <translation>Пауза: список замирает, приём продолжается</translation>
    </message>
</context>
<context>
    <name>Boxscope::TupleGridModel</name>
    <message>
        <source>no such field in this tuple</source>
        <translation>в этом кортеже нет такого поля</translation>
    </message>
    <message>
        <source>Field %1</source>
        <translation>Поле %1</translation>
    </message>
</context>
<context>
    <name>Boxscope::TupleGridView</name>
    <message>
        <source>%1 table</source>
        <translation>%1: таблица</translation>
    </message>
    <message>
        <source>First page</source>
        <translation>Первая страница</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message>
        <source>Last page</source>
        <translation>Последняя страница</translation>
    </message>
    <message>
        <source>%1 rows shown</source>
        <translation>%1: показанные строки</translation>
    </message>
    <message>
        <source>%1 note</source>
        <translation>%1: примечание</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy rows as JSON</source>
        <translation>Копировать строки как JSON</translation>
    </message>
    <message>
        <source>Copy rows as YAML</source>
        <translation>Копировать строки как YAML</translation>
    </message>
    <message>
        <source>Copy rows as Lua</source>
        <translation>Копировать строки как Lua</translation>
    </message>
    <message>
        <source>Over %L1 rows: not sorted</source>
        <translation>Больше %L1 строк: не отсортировано</translation>
    </message>
    <message>
        <source>no rows</source>
        <translation>нет строк</translation>
    </message>
    <message>
        <source>rows %1–%2 of %3</source>
        <translation>строки %1–%2 из %3</translation>
    </message>
    <message>
        <source>sorted in %1 ms</source>
        <translation>отсортировано за %1 мс</translation>
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
        <source>Copy %1 as YAML</source>
        <translation>Копировать %1 как YAML</translation>
    </message>
    <message>
        <source>Copy %1 as JSON</source>
        <translation>Копировать %1 как JSON</translation>
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
    <message>
        <source>Copy:</source>
        <translation>Копировать:</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>%1 grid</source>
        <translation>%1: сетка</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Сетка</translation>
    </message>
    <message>
        <source>Lua</source>
        <translation>Lua</translation>
    </message>
    <message>
        <source>%1 JSON</source>
        <translation>%1 — JSON</translation>
    </message>
    <message>
        <source>%1 msgpack as hex</source>
        <translation>%1 — msgpack в hex</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>
… cut at %1 characters; the copy buttons have everything
</source>
        <translation>
… обрезано на %1 символах; кнопки копирования дают всё
</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) of msgpack</source>
        <translation>
            <numerusform>%n байт msgpack</numerusform>
            <numerusform>%n байта msgpack</numerusform>
            <numerusform>%n байт msgpack</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Boxscope::VitalsPanel</name>
    <message>
        <source>Server vitals</source>
        <translation>Показатели сервера</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Pause the vitals charts</source>
        <translation>Приостановить графики показателей</translation>
    </message>
    <message>
        <source>Freeze the charts; polling goes on</source>
        <translation>Заморозить графики; опрос продолжается</translation>
    </message>
    <message>
        <source>Vitals status</source>
        <translation>Состояние показателей</translation>
    </message>
    <message>
        <source>Vitals rights</source>
        <translation>Права для показателей</translation>
    </message>
    <message>
        <source>Vitals charts</source>
        <translation>Графики показателей</translation>
    </message>
    <message>
        <source>Requests per second (box.stat)</source>
        <translation>Запросов в секунду (box.stat)</translation>
    </message>
    <message>
        <source>Network (box.stat.net): bytes per second, connections, requests</source>
        <translation>Сеть (box.stat.net): байт в секунду, соединения, запросы</translation>
    </message>
    <message>
        <source>Memory, bytes (box.info.memory, box.slab.info)</source>
        <translation>Память, байт (box.info.memory, box.slab.info)</translation>
    </message>
    <message>
        <source>Slab use, % (box.slab.info)</source>
        <translation>Использование slab, % (box.slab.info)</translation>
    </message>
    <message>
        <source>Fibers (count; CPU busy % from fiber.top)</source>
        <translation>Файберы (число; загрузка ЦП, % по fiber.top)</translation>
    </message>
    <message>
        <source>Replication lag, s (box.info.replication)</source>
        <translation>Отставание репликации, с (box.info.replication)</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <source>no answer for %1 s</source>
        <translation>нет ответа %1 с</translation>
    </message>
    <message>
        <source>The server refused the vitals request: %1</source>
        <translation>Сервер отклонил запрос показателей: %1</translation>
    </message>
    <message>
        <source>The vitals request failed: %1</source>
        <translation>Запрос показателей не удался: %1</translation>
    </message>
    <message>
        <source>box.stat and box.info need &apos;execute&apos; on &apos;universe&apos; (or eval): grant with box.schema.user.grant(&apos;%1&apos;, &apos;execute&apos;, &apos;universe&apos;)</source>
        <translation>box.stat и box.info требуют права &apos;execute&apos; на &apos;universe&apos; (или eval): выдайте его командой box.schema.user.grant(&apos;%1&apos;, &apos;execute&apos;, &apos;universe&apos;)</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>отклонено</translation>
    </message>
    <message>
        <source>updated at %1</source>
        <translation>обновлено в %1</translation>
    </message>
    <message>
        <source> bytes/s</source>
        <translation> байт/с</translation>
    </message>
    <message>
        <source>fibers</source>
        <translation>файберы</translation>
    </message>
    <message>
        <source>CPU busy %</source>
        <translation>загрузка ЦП, %</translation>
    </message>
    <message>
        <source>fiber.top() is off</source>
        <translation>fiber.top() выключен</translation>
    </message>
    <message>
        <source>No replicas with a lag</source>
        <translation>Нет реплик с отставанием</translation>
    </message>
    <message>
        <source>Figures the server refused: %1</source>
        <translation>Показатели, в которых сервер отказал: %1</translation>
    </message>
    <message>
        <source>paused at %1 (%2)</source>
        <translation>приостановлено в %1 (%2)</translation>
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
