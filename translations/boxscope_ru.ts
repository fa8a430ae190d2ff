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
        <source>Connect to a Tarantool server to send requests.</source>
        <translation>Подключитесь к серверу Tarantool, чтобы отправлять запросы.</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Рабочая область</translation>
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
