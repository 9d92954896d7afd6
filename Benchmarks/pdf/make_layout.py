#!/usr/bin/env python3
"""Writes layout.json: ten A4 forms for a family of four moving in (転入).

Both benchmarks (pdfbench in Swift, reportlab_bench.py) draw exactly this file, so they
render the same text at the same coordinates. Coordinates are points, origin top-left,
text y is the baseline. Run: python3 make_layout.py > layout.json
"""
import json
import math

W, H = 595.28, 841.89
FAMILY = [
    # 続柄, 氏名, フリガナ, 生年月日, 性別
    ("世帯主", "山田 太郎", "ヤマダ タロウ", "昭和60年5月12日", "男"),
    ("妻", "山田 花子", "ヤマダ ハナコ", "昭和62年11月3日", "女"),
    ("子", "山田 一郎", "ヤマダ イチロウ", "平成27年7月21日", "男"),
    ("子", "山田 美咲", "ヤマダ ミサキ", "令和2年2月29日", "女"),
]
NEW_ADDRESS = "栃木県真岡市荒町5191"
OLD_ADDRESS = "東京都世田谷区太子堂4-1-1"
MOVE_DATE = "令和8年4月1日"
FILED_DATE = "令和8年4月3日"
FORMS = [
    "住民異動届（転入届）", "住民異動届（世帯員）", "国民健康保険 資格取得届", "国民年金 被保険者関係届書",
    "児童手当 認定請求書", "こども医療費 受給資格登録申請書", "転入学通知書（小学校）", "印鑑登録申請書",
    "個人番号カード 継続利用届", "上下水道 使用開始届",
]
ROW_LABELS = ["氏名", "フリガナ", "生年月日", "続柄", "性別", "住所", "前住所", "異動日",
              "届出日", "電話番号", "本籍", "筆頭者"]
SUB_LABELS = ["記入例", "必須", "確認", "備考", "窓口", "照合", "受付", "審査", "入力", "決裁", "交付", "保存"]
NOTES = ["※太枠内をご記入ください。", "※本人確認書類を提示してください。", "※代理人の場合は委任状が必要です。",
         "※転入日から14日以内に届け出てください。", "受付番号", "担当者", "真岡市長 様", "市民課 記入欄",
         "世帯番号", "個人番号", "照合済", "入力済", "本人確認", "郵送", "妻の旧氏：髙橋"]


def page(number):
    marks = []
    text = lambda s, x, y, size: marks.append({"kind": "text", "text": s, "x": x, "y": y, "size": size})
    line = lambda x1, y1, x2, y2, w=0.5: marks.append(
        {"kind": "line", "x1": x1, "y1": y1, "x2": x2, "y2": y2, "width": w})
    def rect(x, y, w, h, lw=0.5, fill=None):
        mark = {"kind": "rect", "x": x, "y": y, "width": w, "height": h, "lineWidth": lw}
        if fill is not None:
            mark["fill"] = fill
        marks.append(mark)

    person = FAMILY[number % 4]
    text(FORMS[number], 40, 60, 16)
    text(f"{number + 1} / 10", 520, 60, 9)
    rect(36, 80, W - 72, 600, lw=1.5)
    top, row_h = 92, 44
    for row, label in enumerate(ROW_LABELS):
        y = top + row * row_h
        rect(40, y, 90, row_h - 4, fill=0.9)                 # label cell, shaded
        rect(134, y, 420, row_h - 4)                          # value cell
        line(330, y, 330, y + row_h - 4)                      # cell dividers
        line(470, y, 470, y + row_h - 4)
        text(label, 46, y + 24, 11)                           # row label
        text(SUB_LABELS[row], 474, y + 14, 9)                 # small label in the cell corner
    for k in range(12):                                       # guide rules under the values
        line(138, top + k * row_h + 30, 326, top + k * row_h + 30, 0.25)
    values = [
        (person[1], 140, 0), (person[2], 140, 1), (person[3], 140, 2), (person[0], 140, 3), (person[4], 140, 4),
        (NEW_ADDRESS, 140, 5), (OLD_ADDRESS, 140, 6), (MOVE_DATE, 140, 7), (FILED_DATE, 140, 8),
        ("0285-82-1111", 140, 9), ("栃木県真岡市荒町5191", 140, 10), (FAMILY[0][1], 140, 11),
    ]
    for value, x, row in values:
        text(value, x, top + row * row_h + 26, 12)
    # Household members listed in the right-hand columns: 13 more filled values.
    for k, member in enumerate(FAMILY):
        text(member[1], 336, top + k * row_h + 26, 10)
        text(member[2], 336, top + (k + 4) * row_h + 26, 10)
        text(member[3], 336, top + (k + 8) * row_h + 26, 10)
    text("4月1日転入", 474, top + 11 * row_h + 32, 10)
    for k, note in enumerate(NOTES):                          # footer labels
        text(note, 40 + (k % 3) * 180, 700 + (k // 3) * 18, 9)
    for k in range(6):                                        # 受付 stamp boxes
        rect(40 + k * 86, 790, 80, 36)
    for k in range(4):
        text(["届出人署名", "窓口受付", "入力確認", "交付"][k], 44 + k * 86, 786, 9)
    # The citizen's signature, captured as a vector stroke.
    points = [[360 + t * 1.6, 660 - 10 * math.sin(t / 4.0) - 4 * math.sin(t / 1.3)] for t in range(80)]
    marks.append({"kind": "polyline", "points": points, "width": 1.2})
    return {"marks": marks}


layout = {"pageWidth": W, "pageHeight": H, "pages": [page(n) for n in range(10)]}
if __name__ == "__main__":
    print(json.dumps(layout, ensure_ascii=False, indent=0))
