/** The help text, in Chinese and (with `--lang en`) English: written out here, not pieced together. */
import type { Locale } from '../core/index';

const ZH = `用法：
  xxgk-report check [选项] <文件或文件夹…>     检查年度报告（文件夹递归查找 *.txt、*.docx、*.html、*.htm、*.pdf；
                                              - 读标准输入）
  xxgk-report export [选项] <文件或文件夹…>    把统计表导出为一个 CSV 或 JSON Lines 数据集
  xxgk-report convert <文件> [-o 输出.txt]     把 Word（.docx）、网页（.html/.htm）或 PDF 转为报告文本
                                              （表格为 TAB 分隔的行；默认写到标准输出）

Word、网页和 PDF：直接读取文件本身的表格结构。行:列指转换后的报告文本（convert 输出的就是这份文本），
--format json 另给出原文件中的位置（PDF 的页码；Word/网页的段落序号或表格、行、单元格序号，从 0 起）。
--fix 不会写入这些文件。扫描件 PDF（没有文字层）或损坏的文件：报错并以退出码 2 结束，其他文件照常检查。

检查选项：
  --format text|json|sarif|csv   输出格式（默认 text）；也可写 --format=json
  --fix                          把安全的修复写回文件（只写 .txt，不写 .docx/.html/.pdf）
  --report-format auto|2019|2021 报告格式（默认 auto：配置文件的 format，否则按表格识别）
  --rule 代码=级别                设置规则级别（off/hint/information/warning/error），可重复
  --max-warnings N               警告多于 N 个时退出码为 1
  --quiet                        只输出错误（error 级别）
  --color, --no-color            是否着色（默认只在终端中着色；NO_COLOR 环境变量同 --no-color）

导出选项：
  --tables 2,3,4                 导出哪些表（默认全部：表二、表三、表四）
  --format csv|jsonl             导出格式（默认 csv：UTF-8 带 BOM，可直接用 Excel 打开）
  -o, --output 文件               写入文件（默认标准输出；convert 也用这个选项）

通用选项：
  --config 文件                   使用这个配置文件（不再向上查找 .xxgk-report.json）
  --no-config                    不读取任何配置文件
  -j, --jobs N                   并行检查的线程数（默认按 CPU 核数；1 表示不用工作线程）
  --lang zh-cn|en                消息语言（默认 zh-cn）
  -v, --version                  显示版本
  -h, --help                     显示帮助

配置文件：从每个文件所在的文件夹向上查找 .xxgk-report.json 或 .xxgk-report.jsonc，最近的一个生效，
例如 {"rules": {"narrative-mismatch": "off"}, "format": "auto"}。命令行的 --rule、--report-format 优先。

退出码：0 没有错误；1 发现错误（或警告超过 --max-warnings）；2 用法、配置文件或读写错误`;

const EN = `Usage:
  xxgk-report check [options] <files or folders…>    check annual reports (folders: *.txt, *.docx, *.html, *.htm,
                                                     *.pdf, recursively; - reads stdin)
  xxgk-report export [options] <files or folders…>   export the tables as one CSV or JSON Lines dataset
  xxgk-report convert <file> [-o out.txt]             turn a Word (.docx), web page (.html/.htm) or PDF file into
                                                     the report text (tables as TAB rows; default: stdout)

Word, web pages and PDF: the file's own table structure is read. line:column are in the converted report text
(what convert writes); --format json adds the place in the original file (PDF: the page; Word/web page: the
paragraph, or the table, row and cell, counted from 0). --fix never writes into these files. A scanned PDF
(no text layer) or a damaged file: a message and exit code 2; the other files are still checked.

Check options:
  --format text|json|sarif|csv   output format (default text); --format=json works too
  --fix                          write the safe fixes back to the files (.txt only, never .docx/.html/.pdf)
  --report-format auto|2019|2021 report format (default auto: the config file's format, else detected from the tables)
  --rule code=level              set a rule's level (off/hint/information/warning/error); repeatable
  --max-warnings N               exit code 1 when there are more than N warnings
  --quiet                        report errors only
  --color, --no-color            colour or not (default: only on a terminal; NO_COLOR in the environment = --no-color)

Export options:
  --tables 2,3,4                 which tables (default all: 表二, 表三, 表四)
  --format csv|jsonl             export format (default csv: UTF-8 with BOM, opens in Excel)
  -o, --output FILE              write to FILE (default stdout; convert takes it too)

Common options:
  --config FILE                  use this config file (no search for .xxgk-report.json)
  --no-config                    read no config file
  -j, --jobs N                   worker threads (default: the CPU cores; 1: no worker threads)
  --lang zh-cn|en                message language (default zh-cn)
  -v, --version                  print the version
  -h, --help                     print this help

Config file: .xxgk-report.json or .xxgk-report.jsonc, searched upward from each file's folder; the nearest
one applies, e.g. {"rules": {"narrative-mismatch": "off"}, "format": "auto"}. --rule and --report-format win.

Exit codes: 0 no errors; 1 errors found (or more warnings than --max-warnings); 2 usage, config file or I/O errors`;

export function helpText(locale: Locale): string {
  return locale === 'en' ? EN : ZH;
}
