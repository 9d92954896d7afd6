#!/usr/bin/env python3
"""ReportLab baseline for pdfbench: draws the same layout.json (same text, coordinates and
IPAex Gothic file, subset-embedded through reportlab's TTFont) and times it the same way.

    pip install reportlab
    python3 reportlab_bench.py [--iterations 200] [--warmup 20] [--layout PATH] [--out FILE.pdf]

Page compression is off, as in MadoguchiPDF, so both write uncompressed content streams.
"""
import argparse
import io
import json
import os
import statistics
import time

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_PATHS = [
    os.environ.get("MADOGUCHI_FONT", ""),
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
]


def make_document(layout):
    """Draws layout.json and returns the PDF bytes: the work pdfbench times."""
    width, height = layout["pageWidth"], layout["pageHeight"]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=0, invariant=1)
    pdf.setTitle("転入 一式")
    for page in layout["pages"]:
        for mark in page["marks"]:
            kind = mark["kind"]
            if kind == "text":
                pdf.setFont("IPAexGothic", mark["size"])
                pdf.drawString(mark["x"], height - mark["y"], mark["text"])
            elif kind == "line":
                pdf.setLineWidth(mark["width"])
                pdf.line(mark["x1"], height - mark["y1"], mark["x2"], height - mark["y2"])
            elif kind == "rect":
                fill = mark.get("fill")
                stroke = mark["lineWidth"] > 0
                if stroke:
                    pdf.setLineWidth(mark["lineWidth"])
                if fill is not None:
                    pdf.saveState()
                    pdf.setFillGray(fill)
                pdf.rect(mark["x"], height - mark["y"] - mark["height"], mark["width"], mark["height"],
                         stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
                if fill is not None:
                    pdf.restoreState()
            elif kind == "polyline":
                points = mark["points"]
                pdf.saveState()
                pdf.setLineCap(1)
                pdf.setLineJoin(1)
                pdf.setLineWidth(mark["width"])
                path = pdf.beginPath()
                path.moveTo(points[0][0], height - points[0][1])
                for x, y in points[1:]:
                    path.lineTo(x, height - y)
                pdf.drawPath(path, stroke=1, fill=0)
                pdf.restoreState()
            else:
                raise ValueError("unknown mark kind " + kind)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--layout", default=os.path.join(here, "layout.json"))
    parser.add_argument("--out")
    args = parser.parse_args()

    with open(args.layout, encoding="utf-8") as file:
        layout = json.load(file)
    font_path = next((path for path in FONT_PATHS if path and os.path.exists(path)), None)
    if font_path is None:
        raise SystemExit("IPAex Gothic not found: apt-get install fonts-ipaexfont")
    # Parsed once, like the Swift side's cached TrueTypeFont; subsetting happens per document.
    pdfmetrics.registerFont(TTFont("IPAexGothic", font_path))

    data = make_document(layout)
    if args.out:
        with open(args.out, "wb") as file:
            file.write(data)
    for _ in range(args.warmup):
        make_document(layout)
    timings = []
    for _ in range(args.iterations):
        start = time.perf_counter()
        data = make_document(layout)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"ReportLab {getattr(__import__('reportlab'), 'Version', '?')}: {len(layout['pages'])} pages, {args.iterations} renders")
    print(f"mean {statistics.fmean(timings):.3f} ms  median {timings[len(timings) // 2]:.3f} ms  "
          f"p99 {p99:.3f} ms  bytes {len(data)}")


if __name__ == "__main__":
    main()
