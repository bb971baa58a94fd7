@echo off
rem 撤销 register-filetype.cmd 的登记；程序文件夹本身不动。
rem Undoes register-filetype.cmd; the program folder itself is left alone.
chcp 65001 >nul
reg delete "HKCU\Software\Classes\.govreport" /f >nul 2>&1
reg delete "HKCU\Software\Classes\govreport.report" /f >nul 2>&1
powershell -NoProfile -ExecutionPolicy Bypass -Command "Remove-Item -ErrorAction SilentlyContinue ([Environment]::GetFolderPath('Desktop')+'\政府信息公开工作年度报告.lnk')"
echo 已撤销登记。
