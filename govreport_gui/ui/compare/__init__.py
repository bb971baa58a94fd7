"""查看 › 与上年对比…: this year's report beside last year's, in the window.

- :mod:`.memory` — last year's file of each report, remembered in the settings (keyed by the report's path);
- :mod:`.link` — last year's prose given to the open report (the copied-text rule sees it) when its file is known;
- :mod:`.dialog` — the comparison: the verdict, the tables side by side with changes tinted, the prose diffed;
- :mod:`.actions` — the menu entry: last year's file chosen once, the comparison shown, exported.
"""
