@echo off
rem 登记 .govreport 文件关联（仅当前用户，无需管理员权限），并在桌面放一个快捷方式。
rem Registers the .govreport file type for the current user (HKCU, no administrator rights) and a desktop shortcut.
chcp 65001 >nul
setlocal
set "APP=%~dp0govreport-gui.exe"
if not exist "%APP%" (
  echo 找不到 %APP% ，请在程序文件夹中运行本文件。
  exit /b 1
)
reg add "HKCU\Software\Classes\.govreport" /ve /d "govreport.report" /f >nul
reg add "HKCU\Software\Classes\govreport.report" /ve /d "政府信息公开工作年度报告" /f >nul
reg add "HKCU\Software\Classes\govreport.report\DefaultIcon" /ve /d "\"%APP%\",0" /f >nul
reg add "HKCU\Software\Classes\govreport.report\shell\open\command" /ve /d "\"%APP%\" \"%%1\"" /f >nul
powershell -NoProfile -ExecutionPolicy Bypass -Command "$s=(New-Object -ComObject WScript.Shell).CreateShortcut([Environment]::GetFolderPath('Desktop')+'\政府信息公开工作年度报告.lnk');$s.TargetPath=$env:APP;$s.WorkingDirectory=[Environment]::GetFolderPath('MyDocuments');$s.Save()"
echo 已登记：%APP%
endlocal
