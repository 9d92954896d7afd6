#!/usr/bin/env python3
"""Writes a fictional full resident extract (docs/resident-extract.md) of N residents, four to a household,
for the import and search benchmark. Every name, address and code is invented."""
import random
import sys

FAMILIES = [("髙橋", "タカハシ"), ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("田中", "タナカ"), ("渡邊", "ワタナベ"), ("伊藤", "イトウ"),
            ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
            ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"),
            ("齋藤", "サイトウ"), ("清水", "シミズ"), ("山﨑", "ヤマサキ"), ("森", "モリ"), ("池田", "イケダ"), ("橋本", "ハシモト"),
            ("阿部", "アベ"), ("石川", "イシカワ"), ("𠮷田", "ヨシダ"), ("前田", "マエダ"), ("藤田", "フジタ"), ("小川", "オガワ")]
GIVEN_M = [("健司", "ケンジ"), ("翔太", "ショウタ"), ("大輔", "ダイスケ"), ("拓也", "タクヤ"), ("蓮", "レン"), ("湊", "ミナト"), ("陽翔", "ハルト")]
GIVEN_F = [("美咲", "ミサキ"), ("由衣", "ユイ"), ("さくら", "サクラ"), ("恵", "メグミ"), ("葵", "アオイ"), ("陽菜", "ヒナ"), ("芽依", "メイ")]
TOWNS = ["本町一丁目", "本町二丁目", "駅前一丁目", "中央一丁目", "中央二丁目", "東町", "緑町", "若葉台一丁目", "桜ケ丘三丁目", "大字西原"]
COLUMNS = "code,household,relation,family,given,furigana,sex,birthDate,postcode,prefecture,city,town,banchi,movedIn,changedOn,change"


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    out = sys.argv[2] if len(sys.argv) > 2 else "/dev/stdout"
    rng = random.Random(7)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(COLUMNS + "\r\n")
        written = 0
        household = 0
        while written < count:
            household += 1
            family, family_kana = rng.choice(FAMILIES)
            town = rng.choice(TOWNS)
            banchi = f"{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
            postcode = f"329-41{rng.randint(0, 99):02d}"
            size = min(4, count - written)
            for member in range(size):
                relation = ["head", "spouse", "child", "child"][member]
                sex = "male" if member in (0, 2) else "female"
                given, given_kana = rng.choice(GIVEN_M if sex == "male" else GIVEN_F)
                year = rng.randint(1950, 1995) if member < 2 else rng.randint(2005, 2024)
                birth = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                code = f"7{household:07d}{member + 1:03d}"
                f.write(f"{code},{household:08d},{relation},{family},{given},{family_kana}　{given_kana},{sex},{birth},"
                        f"{postcode},栃木県,サンプル市,{town},{banchi},2020-04-01,2020-04-01,国内転入\r\n")
                written += 1


if __name__ == "__main__":
    main()
