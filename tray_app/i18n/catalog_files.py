"""Messages for files we cannot use (safe_open.py): a folder on the way we cannot enter, a
FIFO, socket or device where a file was expected; in en / zh-TW / zh-CN, merged into
`catalog.CATALOG` (a key may be defined in one module only)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "fix.folder_unreadable": {
        "en": "You cannot enter the folder {folder} (it belongs to another user, often root "
        "after running the program with sudo). Give it back to yourself: "
        "sudo chown -R \"$USER\" \"{folder}\". The other sources and providers are still used.",
        "zh-TW": "無法進入資料夾 {folder}(它屬於其他使用者,常見於以 sudo 執行程式之後,"
        "屬於 root)。請將它改回你的帳號: sudo chown -R \"$USER\" \"{folder}\"。"
        "其他來源與平台仍會使用。",
        "zh-CN": "无法进入文件夹 {folder}(它属于其他用户,常见于以 sudo 运行程序之后,"
        "属于 root)。请将它改回你的账号: sudo chown -R \"$USER\" \"{folder}\"。"
        "其他来源与平台仍会使用。",
    },
    "fix.not_regular_file": {
        "en": "{path} is not a regular file (a FIFO, socket or device is in its place), so it "
        "was not read. Remove it and let the program that owns it write the real file again "
        "(for a login: log in again). The other sources and providers are still used.",
        "zh-TW": "{path} 不是一般檔案(其位置上是 FIFO、socket 或裝置),因此未讀取。"
        "請刪除它,讓擁有它的程式重新寫入真正的檔案(登入資料: 請重新登入)。"
        "其他來源與平台仍會使用。",
        "zh-CN": "{path} 不是普通文件(其位置上是 FIFO、socket 或设备),因此未读取。"
        "请删除它,让拥有它的程序重新写入真正的文件(登录信息: 请重新登录)。"
        "其他来源与平台仍会使用。",
    },
}
