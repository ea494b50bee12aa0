#!/usr/bin/env python3
"""Makes the spreadsheets the `sheets` tests and the editors' guides use.

How the committed files were made (CI needs none of this: the files are in the
repository):

    pip install openpyxl msoffcrypto-tool
    apt-get install -y libreoffice-calc-nogui      # for .xls and .ods
    python3 scripts/make-sheet-fixtures.py

- `.xlsx` files are written by openpyxl (real dates, formulas, merged cells as a
  spreadsheet program stores them);
- `.xls` and `.ods` are the `.xlsx` converted by LibreOffice's headless converter
  (`soffice --headless --convert-to xls|ods`);
- `encrypted.xlsx` is `members.xlsx` encrypted with the password `qiao` by
  msoffcrypto-tool (the same ECMA-376 agile encryption Excel uses);
- CSV files are written by Python's csv module in UTF-8, UTF-8 with a BOM and
  GB18030 (what Excel on Chinese Windows saves as "CSV (逗号分隔)").

Writes tests/fixtures/sheets/ and docs/samples/.
"""

import csv
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile

import msoffcrypto
import openpyxl
from openpyxl.styles import Font

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "tests", "fixtures", "sheets")
SAMPLES = os.path.join(ROOT, "docs", "samples")

# Two new members of the example site: Chinese headers, labels, lists with
# Chinese separators, a real date cell, a phone number typed as a number.
MEMBER_HEADER = ["名称", "类型", "网址", "加入日期", "可提供", "专长", "联系人", "联系邮箱", "联系电话"]
MEMBER_ROWS = [
    ["浔江新材料研究院", "科研院所", "https://xnm.example.org/", datetime.date(2025, 3, 18),
     "科研、设备，咨询", "有机硅；功能涂层", "周敏", "zm@xnm.example.org", 13800000000],
    ["Lakeside Robotics 湖畔机器人", "企业", "https://lakeside.example.com/", datetime.date(2024, 11, 2),
     "实习岗位,设备", "工业机器人、机器视觉", "", "", ""],
]


def sheet(path, header, rows, title="Sheet1", fmt_dates=True):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    if fmt_dates:
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, (datetime.date, datetime.datetime)):
                    c.number_format = "yyyy-mm-dd" if not isinstance(c.value, datetime.datetime) else "yyyy-mm-dd hh:mm"
    ws.freeze_panes = "A2"
    book.save(path)
    return book


def convert(xlsx, ext, out_dir):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
             "--convert-to", ext, "--outdir", tmp, xlsx],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        name = os.path.splitext(os.path.basename(xlsx))[0] + "." + ext
        shutil.move(os.path.join(tmp, name), os.path.join(out_dir, name))


def write_csv(path, header, rows, encoding, bom=False):
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    data = text.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as f:
        f.write(data)


def fixtures():
    os.makedirs(FIX, exist_ok=True)
    p = lambda name: os.path.join(FIX, name)

    sheet(p("members.xlsx"), MEMBER_HEADER, MEMBER_ROWS, title="成员名录")
    convert(p("members.xlsx"), "xls", FIX)
    convert(p("members.xlsx"), "ods", FIX)

    # The same rows in CSV, with dates the way editors type them.
    csv_rows = [list(r) for r in MEMBER_ROWS]
    csv_rows[0][3] = "2025/3/18"
    csv_rows[1][3] = "2024年11月2日"
    write_csv(p("members-utf8.csv"), MEMBER_HEADER, csv_rows, "utf-8")
    write_csv(p("members-bom.csv"), MEMBER_HEADER, csv_rows, "utf-8", bom=True)
    write_csv(p("members-gbk.csv"), MEMBER_HEADER, csv_rows, "gb18030")

    # Field names as headers, nested fields, a slug column, a title that gives
    # the slug of another member (made unique), a datetime cell.
    sheet(p("members-fields.xlsx"),
          ["slug", "title", "type", "contact.email", "joined", "offers", "draft"],
          [["", "Yunshu Data", "enterprise", "hi@yunshu2.example.com", "2025-01-05", "talent", False],
           ["hengrui-testing", "恒锐检测", "企业", "", "2025.6.1", "", "否"]])

    # Demands: references by a member's exact title, by slug, by a row's title;
    # labels; a budget; numbers.
    sheet(p("demands.xlsx"),
          ["标题", "需求类型", "发布单位", "截止日期", "状态", "预算下限", "预算上限", "技术成熟度", "联系人", "联系邮箱", "产业"],
          [["薄壁件加工变形控制", "技术攻关", "浔江恒锐精密机械有限公司", datetime.date(2027, 3, 31), "征集中",
            300000, 800000, 6, "王建国", "rd@hengrui.example.com", "intelligent-manufacturing"],
           ["数据标注实训", "培训", "yunshu-data", "2027年1月15日", "", "", "", "", "", "", ""]])

    # Cases: partners by title and slug, modes by label.
    sheet(p("cases.xlsx"),
          ["标题", "合作方", "合作模式", "合作深度", "开始日期", "发布日期"],
          [["电池回收订单班", "浔江职业技术学院、浔能新能源科技有限公司", "订单培养、实训基地", "深层",
            datetime.date(2025, 9, 1), datetime.date(2026, 10, 1)]])

    # A sheet with mistakes: the demo of the editors' guide and the tests.
    sheet(p("members-mistakes.xlsx"), MEMBER_HEADER,
          [["浔江新材料研究院", "研究所", "xnm.example.org", datetime.date(2025, 3, 18), "科研、飞机", "", "", "zm@", ""],
           ["湖畔机器人", "企业", "https://lakeside.example.com/", "2024年13月2日", "", "", "", "", ""]],
          title="成员名录")

    # Bad inputs.
    book = openpyxl.Workbook()
    book.active.title = "空表"
    book.save(p("empty.xlsx"))
    sheet(p("header-only.xlsx"), MEMBER_HEADER, [])
    sheet(p("unknown-column.xlsx"), ["名称", "类别", "titel"], [["甲单位", "企业", "x"]])
    sheet(p("duplicate-column.xlsx"), ["名称", "类型", "type"], [["甲单位", "企业", "enterprise"]])
    book = sheet(p("merged.xlsx"), ["名称", "类型"], [["甲单位", "企业"], ["乙单位", None], ["丙单位", None]])
    book.active.merge_cells("B2:B4")
    book.save(p("merged.xlsx"))
    sheet(p("formula.xlsx"), ["名称", "类型"], [["甲单位", "企业"], ['=CONCAT(A2,"二厂")', "企业"]])
    # The same merged cells and formula as LibreOffice stores them in .xls and .ods.
    convert(p("merged.xlsx"), "xls", FIX)
    convert(p("merged.xlsx"), "ods", FIX)
    convert(p("formula.xlsx"), "ods", FIX)
    with open(p("members.xlsx"), "rb") as f:
        data = f.read()
    with open(p("truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])
    with open(p("members.xlsx"), "rb") as src, open(p("encrypted.xlsx"), "wb") as dst:
        office = msoffcrypto.OfficeFile(src)
        office.encrypt("qiao", dst)
    # A GBK file with one line pasted in from a UTF-8 file.
    gbk = "名称,类型\r\n甲单位,企业\r\n".encode("gb18030") + "乙单位,企业\r\n".encode("utf-8")
    with open(p("mixed-encoding.csv"), "wb") as f:
        f.write(gbk)
    # An error value (#N/A), a column with values and no header, two rows with
    # one slug, a row with neither slug nor title, a member named by a title that
    # is not quite the member's.
    sheet(p("cell-errors.xlsx"), ["标识", "名称", "类型", None],
          [["jia", "甲单位", "#N/A", ""], ["yi", "乙单位", "企业", "备注"]])
    sheet(p("rows.xlsx"), ["标识", "名称", "类型"],
          [["same", "甲单位", "企业"], ["same", "乙单位", "企业"], ["", "", "企业"]])
    sheet(p("demands-unknown-member.xlsx"), ["标题", "需求类型", "发布单位", "截止日期"],
          [["找合作方", "技术攻关", "恒锐精密", "2027-01-01"]])
    # Two sheets: --sheet chooses.
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["这一页是说明"])
    ws = book.create_sheet("成员名录")
    ws.append(["名称", "类型"])
    ws.append(["两页单位", "企业"])
    book.save(p("two-sheets.xlsx"))


def samples():
    """The sample sheets of the editors' guides: one per kind, a row each."""
    os.makedirs(SAMPLES, exist_ok=True)
    s = lambda name: os.path.join(SAMPLES, name)
    sheet(s("members.xlsx"),
          ["标识", "名称", "类型", "网址", "加入日期", "可提供", "专长", "联系人", "联系邮箱", "联系电话", "产业", "地区"],
          [["", "浔江新材料研究院", "科研院所", "https://xnm.example.org/", datetime.date(2025, 3, 18),
            "科研、设备、咨询", "有机硅、功能涂层", "周敏", "zm@xnm.example.org", "0000-8812 3001",
            "new-materials", "linxun-district"]], title="成员名录")
    sheet(s("cases.xlsx"),
          ["标识", "标题", "合作方", "合作模式", "合作深度", "开始日期", "结束日期", "政策", "发布日期", "摘要"],
          [["", "电池回收订单班", "浔江职业技术学院、浔能新能源科技有限公司", "订单培养、实训基地", "深层",
            datetime.date(2025, 9, 1), "", "", datetime.date(2026, 10, 1), "学校和企业共同培养电池回收技术员。"]],
          title="合作案例")
    sheet(s("policies.xlsx"),
          ["标识", "标题", "发文机关", "文号", "级别", "印发日期", "生效日期", "失效日期", "状态", "原文链接", "发布日期"],
          [["", "浔江市职业技能提升补贴办法", "浔江市人力资源和社会保障局、浔江市财政局", "浔人社发〔2026〕3号", "市级",
            datetime.date(2026, 2, 10), datetime.date(2026, 3, 1), datetime.date(2028, 2, 29), "",
            "https://policy.example.org/xunjiang/2026/3.html", datetime.date(2026, 2, 12)]],
          title="政策")
    sheet(s("demands.xlsx"),
          ["标识", "标题", "需求类型", "发布单位", "截止日期", "状态", "预算下限", "预算上限", "面议", "技术成熟度", "联系人", "联系邮箱", "发布日期"],
          [["", "薄壁件加工变形控制", "技术攻关", "浔江恒锐精密机械有限公司", datetime.date(2027, 3, 31), "征集中",
            300000, 800000, "", 6, "王建国", "rd@hengrui.example.com", datetime.date(2026, 11, 1)]],
          title="需求清单")
    sheet(s("roadshows.xlsx"),
          ["标识", "标题", "开始时间", "结束时间", "状态", "主办方", "地点", "地址", "城市", "线上地址", "报名网址", "报名截止日期", "名额", "发布日期"],
          [["", "2027 春季科技成果路演", datetime.datetime(2027, 3, 20, 14, 0), datetime.datetime(2027, 3, 20, 17, 30),
            "", "浔江市科学技术局", "浔江产教融合服务中心路演厅", "临浔区江滨大道 188 号", "浔江市", "",
            "https://events.example.org/spring-2027", datetime.date(2027, 3, 15), 120, datetime.date(2027, 1, 10)]],
          title="路演")


if __name__ == "__main__":
    if shutil.which("soffice") is None:
        sys.exit("soffice (LibreOffice) is needed for .xls and .ods: apt-get install libreoffice-calc-nogui")
    fixtures()
    samples()
    print("wrote", FIX, "and", SAMPLES)
