"""Messages for this area, in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may
be defined in one module only)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "doctor.section.tray": {"en": "Tray icon", "zh-TW": "系統匣圖示", "zh-CN": "托盘图标"},
    "backend.in_use": {
        "en": "Tray backend: {backend}.",
        "zh-TW": "系統匣後端: {backend}。",
        "zh-CN": "托盘后端: {backend}。",
    },
    "backend.forced": {
        "en": "Tray backend: {backend} (chosen by PYSTRAY_BACKEND).",
        "zh-TW": "系統匣後端: {backend}(由 PYSTRAY_BACKEND 指定)。",
        "zh-CN": "托盘后端: {backend}(由 PYSTRAY_BACKEND 指定)。",
    },
    "backend.fallback": {
        "en": "Tray backend: {backend}, a fallback: {wanted} could not start ({detail}).",
        "zh-TW": "系統匣後端: {backend}(備用): {wanted} 無法啟動({detail})。",
        "zh-CN": "托盘后端: {backend}(备用): {wanted} 无法启动({detail})。",
    },
    "backend.no_menu": {
        "en": "This backend has no menu: click the icon for a window with the numbers, "
              "Refresh now and Quit.",
        "zh-TW": "此後端沒有選單: 點一下圖示會開啟一個視窗,"
                 "顯示用量並提供「立即重新整理」與「結束」。",
        "zh-CN": "此后端没有菜单: 单击图标会打开一个窗口,"
                 "显示用量并提供“立即刷新”和“退出”。",
    },
    "backend.no_display": {
        "en": "No graphical session here (DISPLAY and WAYLAND_DISPLAY are unset); "
              "in one the tray would use {backend}.",
        "zh-TW": "這裡沒有圖形工作階段(未設定 DISPLAY 與 WAYLAND_DISPLAY);"
                 "在圖形工作階段中系統匣會使用 {backend}。",
        "zh-CN": "这里没有图形会话(未设置 DISPLAY 和 WAYLAND_DISPLAY);"
                 "在图形会话中托盘会使用 {backend}。",
    },
    "backend.gnome_no_watcher": {
        "en": "GNOME Shell shows no tray icon: nothing provides the StatusNotifierWatcher "
              "(its AppIndicator extension is off).",
        "zh-TW": "GNOME Shell 不會顯示系統匣圖示: 沒有 StatusNotifierWatcher"
                 "(AppIndicator 擴充功能未啟用)。",
        "zh-CN": "GNOME Shell 不会显示托盘图标: 没有 StatusNotifierWatcher"
                 "(AppIndicator 扩展未启用)。",
    },
    "backend.fix.extra": {
        "en": "install the app with its appindicator extra: "
              "pipx install 'mystatus-tray[appindicator]' "
              "(from the source: pipx install '.[appindicator]'), plus the system packages of "
              "README's Install section",
        "zh-TW": "安裝時加上 appindicator 選項: pipx install 'mystatus-tray[appindicator]'"
                 "(從原始碼: pipx install '.[appindicator]'),"
                 "並安裝 README「Install」一節的系統套件",
        "zh-CN": "安装时加上 appindicator 选项: pipx install 'mystatus-tray[appindicator]'"
                 "(从源码: pipx install '.[appindicator]'),"
                 "并安装 README“Install”一节的系统软件包",
    },
    "backend.fix.typelibs": {
        "en": "install the GTK and AppIndicator typelibs: "
              "sudo apt install gir1.2-gtk-3.0 gir1.2-ayatanaappindicator3-0.1",
        "zh-TW": "安裝 GTK 與 AppIndicator 的 typelib: "
                 "sudo apt install gir1.2-gtk-3.0 gir1.2-ayatanaappindicator3-0.1",
        "zh-CN": "安装 GTK 和 AppIndicator 的 typelib: "
                 "sudo apt install gir1.2-gtk-3.0 gir1.2-ayatanaappindicator3-0.1",
    },
    "backend.fix.gtk_init": {
        "en": "GTK could not open the display: start the tray inside your graphical session",
        "zh-TW": "GTK 無法開啟顯示器: 請在圖形工作階段中啟動系統匣",
        "zh-CN": "GTK 无法打开显示: 请在图形会话中启动托盘",
    },
    "backend.fix.other": {
        "en": "reinstall with the appindicator extra and the system packages of README's "
              "Install section (bash tools/run-app.sh installs them)",
        "zh-TW": "加上 appindicator 選項重新安裝,並安裝 README「Install」一節的系統套件"
                 "(bash tools/run-app.sh 會安裝它們)",
        "zh-CN": "加上 appindicator 选项重新安装,并安装 README“Install”一节的系统软件包"
                 "(bash tools/run-app.sh 会安装它们)",
    },
    "backend.fix.gnome": {
        "en": "enable GNOME's AppIndicator extension: sudo apt install "
              "gnome-shell-extension-appindicator, log out and in, then turn it on in the "
              "Extensions app",
        "zh-TW": "啟用 GNOME 的 AppIndicator 擴充功能: sudo apt install "
                 "gnome-shell-extension-appindicator,登出再登入,然後在「擴充功能」程式中開啟它",
        "zh-CN": "启用 GNOME 的 AppIndicator 扩展: sudo apt install "
                 "gnome-shell-extension-appindicator,注销并重新登录,然后在“扩展”应用中开启它",
    },
    "backend.window.close": {"en": "Close", "zh-TW": "關閉", "zh-CN": "关闭"},
}
