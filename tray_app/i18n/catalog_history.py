"""Messages for this area, in en / zh-TW / zh-CN; merged into `catalog.CATALOG` (a key may
be defined in one module only)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ pace and run-out forecast
    "pace.line": {"en": "Pace: {verdict}", "zh-TW": "用量進度：{verdict}",
                  "zh-CN": "用量进度：{verdict}"},
    # percentage points of the window above / below an even pace (pace_text.py)
    "pace.deficit": {"en": "{pts} points in deficit", "zh-TW": "超支 {pts} 個百分點",
                     "zh-CN": "超支 {pts} 个百分点"},
    "pace.on_track": {"en": "on track", "zh-TW": "正常", "zh-CN": "正常"},
    "pace.reserve": {"en": "{pts} points in reserve", "zh-TW": "尚有 {pts} 個百分點餘裕",
                     "zh-CN": "尚有 {pts} 个百分点余量"},
    "pace.runs_out": {"en": "{runs}, {before}", "zh-TW": "{runs}，{before}",
                      "zh-CN": "{runs}，{before}"},
    "pace.runs_out_in": {"en": "runs out in {left} ({time})", "zh-TW": "{left}後用完（{time}）",
                         "zh-CN": "{left}后用完（{time}）"},
    "pace.before_reset": {"en": "{lead} before it resets", "zh-TW": "比重置早 {lead}",
                          "zh-CN": "比重置早 {lead}"},
    "pace.lasts": {"en": "lasts to reset", "zh-TW": "可撐到重置", "zh-CN": "可撑到重置"},
    "pace.urgent": {"en": "{provider} {window} {forecast}",
                    "zh-TW": "{provider} {window}：{forecast}",
                    "zh-CN": "{provider} {window}：{forecast}"},
    "alert.runout": {"en": "runs out before reset", "zh-TW": "將在重置前用完",
                     "zh-CN": "将在重置前用完"},
    "alert.runout_body": {
        "en": "{urgent} (at this pace; {used} now).",
        "zh-TW": "{urgent}（照目前的速度；現在{used}）。",
        "zh-CN": "{urgent}（照目前的速度；现在{used}）。",
    },
    "alert.runout_in": {"en": "runs out in {left}", "zh-TW": "{left}後用完",
                        "zh-CN": "{left}后用完"},
    "alert.needs_user": {"en": "needs you", "zh-TW": "需要你處理", "zh-CN": "需要你处理"},
    "alert.summary": {"en": "mystatus-tray: {n} things to look at",
                      "zh-TW": "mystatus-tray：{n} 件事需要注意",
                      "zh-CN": "mystatus-tray：{n} 件事需要注意"},
    "menu.glance_runs_out": {"en": "runs out {time}", "zh-TW": "{time} 用完",
                             "zh-CN": "{time} 用完"},
    "menu.glance_resets": {"en": "resets {time}", "zh-TW": "{time} 重置", "zh-CN": "{time} 重置"},
    "menu.notify_runout": {"en": "Runs out before reset (forecast)",
                           "zh-TW": "預測重置前會用完", "zh-CN": "预测重置前会用完"},
    # ------------------------------------------------------------ (history: below this line)
    # ------------------------------------------------------------ history (monitoring/history.py)
    "history.notice.set_aside": {
        "en": "The usage history file could not be used ({reason}); it was kept as {aside} and "
        "a new one started. Your usage is shown as before.",
        "zh-TW": "用量歷史檔無法使用({reason});已保留為 {aside},並開始新的檔案。用量照常顯示。",
        "zh-CN": "用量历史文件无法使用({reason});已保留为 {aside},并开始新的文件。用量照常显示。",
    },
    "history.notice.off": {
        "en": "The usage history cannot be written ({reason}): {path}. Your usage is shown as "
        "before; to keep a history, make that folder writable.",
        "zh-TW": "無法寫入用量歷史({reason}):{path}。用量照常顯示;"
        "若要保留歷史,請讓該資料夾可寫入。",
        "zh-CN": "无法写入用量历史({reason}):{path}。用量照常显示;"
        "若要保留历史,请让该文件夹可写入。",
    },
    "cli.help.history": {
        "en": "show the recorded usage history (sparklines, JSON, CSV or a chart)",
        "zh-TW": "顯示記錄的用量歷史(走勢字元、JSON、CSV 或圖表)",
        "zh-CN": "显示记录的用量历史(走势字符、JSON、CSV 或图表)",
    },
    "cli.help.history_long": {
        "en": "The usage history the tray and `mystatus-tray status` record at every refresh "
        "(a sample when a window changed, at least one an hour), kept history_days days.",
        "zh-TW": "托盤與 `mystatus-tray status` 每次更新時記錄的用量歷史"
        "(視窗有變化時記一筆,每小時至少一筆),保留 history_days 天。",
        "zh-CN": "托盘与 `mystatus-tray status` 每次刷新时记录的用量历史"
        "(窗口有变化时记一笔,每小时至少一笔),保留 history_days 天。",
    },
    "cli.help.history_provider": {
        "en": "only this provider id (openai, zai, claude, kimi...: the ids of status --json)",
        "zh-TW": "只顯示此平台 id(openai、zai、claude、kimi…:即 status --json 的 id)",
        "zh-CN": "只显示此平台 id(openai、zai、claude、kimi…:即 status --json 的 id)",
    },
    "cli.help.history_window": {
        "en": "only this window id (e.g. 5h, weekly)",
        "zh-TW": "只顯示此視窗 id(例如 5h、weekly)",
        "zh-CN": "只显示此窗口 id(例如 5h、weekly)",
    },
    "cli.help.history_days": {
        "en": "the last N days (default 7; the chart: each window on its own scale, a "
        "5-hour window over its last four cycles, weekly over two weeks, monthly over two "
        "months)",
        "zh-TW": "最近 N 天(預設 7;圖表:每個視窗各用自己的時間軸,5 小時視窗顯示最近四個週期,"
        "每週視窗兩週,每月視窗兩個月)",
        "zh-CN": "最近 N 天(默认 7;图表:每个窗口各用自己的时间轴,5 小时窗口显示最近四个周期,"
        "每周窗口两周,每月窗口两个月)",
    },
    "cli.help.history_width": {
        "en": "the chart's width in pixels at 100 % (default 900; wider: panels in columns)",
        "zh-TW": "圖表在 100% 縮放時的寬度像素 (預設 900;更寬時面板分欄排列)",
        "zh-CN": "图表在 100% 缩放时的宽度像素 (默认 900;更宽时面板分栏排列)",
    },
    "cli.help.history_csv": {
        "en": "print CSV (one sample a line, oldest first)",
        "zh-TW": "輸出 CSV(每行一筆,由舊到新)",
        "zh-CN": "输出 CSV(每行一笔,由旧到新)",
    },
    "cli.help.history_plot": {
        "en": "write the chart (as in the tray's History… window) to this PNG file",
        "zh-TW": "將圖表(與托盤「歷史…」視窗相同)寫入此 PNG 檔",
        "zh-CN": "将图表(与托盘“历史…”窗口相同)写入此 PNG 文件",
    },
    "cli.help.history_dark": {
        "en": "dark chart colours (with --plot)",
        "zh-TW": "深色圖表(搭配 --plot)",
        "zh-CN": "深色图表(配合 --plot)",
    },
    "cli.help.history_scale": {
        "en": "chart scale for high-DPI screens: 1 or 2 (with --plot)",
        "zh-TW": "高解析度螢幕的圖表縮放:1 或 2(搭配 --plot)",
        "zh-CN": "高分辨率屏幕的图表缩放:1 或 2(配合 --plot)",
    },
    "history.empty": {
        "en": "No usage history yet. The tray and `mystatus-tray status` record it at every "
        "refresh.",
        "zh-TW": "尚無用量歷史。托盤與 `mystatus-tray status` 每次更新時都會記錄。",
        "zh-CN": "尚无用量历史。托盘与 `mystatus-tray status` 每次刷新时都会记录。",
    },
    "history.unreadable": {
        "en": "Cannot read the usage history {path} ({reason}). The next refresh sets it aside "
        "and starts a new one.",
        "zh-TW": "無法讀取用量歷史 {path}({reason})。下次更新時會將其保留在旁並開始新的檔案。",
        "zh-CN": "无法读取用量历史 {path}({reason})。下次刷新时会将其保留在旁并开始新的文件。",
    },
    "history.header": {
        "en": "Usage history, last {days} days ({count} samples)",
        "zh-TW": "用量歷史,最近 {days} 天({count} 筆)",
        "zh-CN": "用量历史,最近 {days} 天({count} 笔)",
    },
    "history.line": {
        "en": "now {now} · min {low} · max {high} · {resets} resets",
        "zh-TW": "目前 {now} · 最低 {low} · 最高 {high} · 重置 {resets} 次",
        "zh-CN": "当前 {now} · 最低 {low} · 最高 {high} · 重置 {resets} 次",
    },
    "history.plot_written": {
        "en": "Chart written to {path} ({width}×{height} px).",
        "zh-TW": "圖表已寫入 {path}({width}×{height} 像素)。",
        "zh-CN": "图表已写入 {path}({width}×{height} 像素)。",
    },
    "history.plot_failed": {
        "en": "Cannot write the chart to {path} ({reason}).",
        "zh-TW": "無法將圖表寫入 {path}({reason})。",
        "zh-CN": "无法将图表写入 {path}({reason})。",
    },
    "history.chart_unavailable": {
        "en": "The chart needs matplotlib, which this installation does not have ({reason}). "
        "The one-folder app is built without it; install with pip (`pip install "
        "mystatus-tray`), or see the history in a terminal: mystatus-tray history",
        "zh-TW": "圖表需要 matplotlib,此安裝中沒有({reason})。單一資料夾版不含它;請用 pip 安裝"
        "(`pip install mystatus-tray`),或在終端機查看歷史:mystatus-tray history",
        "zh-CN": "图表需要 matplotlib,此安装中没有({reason})。单文件夹版不含它;请用 pip 安装"
        "(`pip install mystatus-tray`),或在终端查看历史:mystatus-tray history",
    },
    "history.window_unavailable": {
        "en": "The chart window cannot open ({reason}). Write it to a file instead: "
        "mystatus-tray history --plot chart.png",
        "zh-TW": "無法開啟圖表視窗({reason})。改為寫入檔案:mystatus-tray history --plot chart.png",
        "zh-CN": "无法打开图表窗口({reason})。改为写入文件:mystatus-tray history --plot chart.png",
    },
    "menu.history": {
        "en": "History…",
        "zh-TW": "歷史…",
        "zh-CN": "历史…",
    },
    # ------------------------------------------------------------ the chart (charts/plot.py)
    "chart.title": {
        "en": "Usage history",
        "zh-TW": "用量歷史",
        "zh-CN": "用量历史",
    },
    "chart.used": {
        "en": "used %",
        "zh-TW": "已用 %",
        "zh-CN": "已用 %",
    },
    "chart.threshold": {
        "en": "threshold {n} %",
        "zh-TW": "門檻 {n} %",
        "zh-CN": "阈值 {n} %",
    },
    "chart.reset": {
        "en": "reset",
        "zh-TW": "重置",
        "zh-CN": "重置",
    },
    "chart.forecast": {
        "en": "forecast",
        "zh-TW": "預測",
        "zh-CN": "预测",
    },
    "chart.runs_out": {
        "en": "runs out ~{time}",
        "zh-TW": "約 {time} 用完",
        "zh-CN": "约 {time} 用完",
    },
    "chart.lasts": {
        "en": "lasts to reset",
        "zh-TW": "可撐到重置",
        "zh-CN": "可撑到重置",
    },
    "chart.empty": {
        "en": "No usage history yet: it is recorded at every refresh.",
        "zh-TW": "尚無用量歷史:每次更新時都會記錄。",
        "zh-CN": "尚无用量历史:每次刷新时都会记录。",
    },
    "chart.empty_hint": {
        "en": "Keep the tray running (or run `mystatus-tray status` now and then) and the "
        "chart fills in. To see one now: mystatus-tray --demo, then History…",
        "zh-TW": "讓系統匣持續執行 (或不時執行 `mystatus-tray status`),圖表就會逐漸填滿。"
        "想先看看: mystatus-tray --demo,再點「歷史…」",
        "zh-CN": "让系统托盘持续运行 (或不时运行 `mystatus-tray status`),图表就会逐渐填满。"
        "想先看看: mystatus-tray --demo,再点「历史…」",
    },
    "chart.filtered_empty": {
        "en": "Nothing recorded for this choice yet. Pick another one above.",
        "zh-TW": "此選擇尚無記錄。請在上方選擇其他項目。",
        "zh-CN": "此选择尚无记录。请在上方选择其他项目。",
    },
    "chart.now": {"en": "now", "zh-TW": "現在", "zh-CN": "现在"},
    "chart.now_used": {"en": "{n} % used", "zh-TW": "已用 {n}%", "zh-CN": "已用 {n}%"},
    "chart.resets": {"en": "resets {time}", "zh-TW": "{time} 重置", "zh-CN": "{time} 重置"},
    "chart.filter_all": {"en": "All providers", "zh-TW": "所有平台", "zh-CN": "所有平台"},
    "chart.filter_label": {"en": "Show:", "zh-TW": "顯示:", "zh-CN": "显示:"},
    "chart.window_title": {
        "en": "mystatus-tray — usage history",
        "zh-TW": "mystatus-tray — 用量歷史",
        "zh-CN": "mystatus-tray — 用量历史",
    },
}
