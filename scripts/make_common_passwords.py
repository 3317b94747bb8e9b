"""Regenerate resources/security/common-passwords.txt: passwords people actually choose.

Built from the patterns that dominate leaked-password studies (the top of public breach lists, and
for China the CSDN/Tianya/12306 leaks): digit runs, keyboard walks, pinyin names and love phrases
(woaini, 5201314), birthdays, and those stems padded with years or digits to pass length rules.
Deterministic: same output every run. Entries are lower-case; the check lower-cases too.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "security" / "common-passwords.txt"

TOP = """123456 123456789 12345678 12345 1234567 1234567890 111111 000000 123123 password
password1 qwerty qwerty123 abc123 a123456 123321 666666 888888 654321 987654321 112233 121212
iloveyou admin admin123 root letmein welcome monkey dragon sunshine princess football baseball
master shadow superman michael 1qaz2wsx 1q2w3e4r 1q2w3e4r5t qazwsx qwertyuiop asdfghjkl zxcvbnm
zxcvbnm123 asdf1234 qwer1234 1234qwer q1w2e3r4 a1b2c3d4 aa123456 aa112233 abcd1234 abc12345
passw0rd p@ssw0rd p@ssword trustno1 starwars whatever hello123 changeme 7758521 7758258 5201314
1314520 woaini woaini1314 woaini520 iloveyou1314 a5201314 521521 520520 1314521 147258369
159357 147258 963852741 741852963 789456123 123654 123654789 987654 159753 1357924680 2468013579
11223344 12344321 123qwe qwe123 123abc abc123456 zhang123 wang123 li123456 asd123 asd123456
qq123456 qq5201314 woshishui wodemima mima123 mima123456 zhongguo china123 beijing shanghai
tianya baidu taobao aini1314 aini520 woaini123 woaini521 iloveyou520 loveyou1314 caonima
nihao123 nihaoma 88888888 66666666 11111111 00000000 99999999 12341234 1234abcd 12qwaszx
1qazxsw2 zaq12wsx xsw21qaz 1qaz@wsx qwe123456 qweasdzxc qweasd123 asdfgh zxcvbn 123456a
123456abc 123456qq a12345678 123456789a 123456789abc 12345678abc abcdefg abcdefgh abcdefg123
woaini1314520 woaini5201314 dearbook yangyang qwertyui 1234567a 11111111a 000000a 123456.. 123456.com woaini.. 520131400
""".split()

PINYIN_NAMES = """zhangwei wangwei wangfang liwei liuwei wangjing lina zhangmin lijing wangli
zhangli zhangjing liqiang wangqiang liuyang wangyan zhangyong liyan wangjun lijun zhangjun
chenjing liujie wangpeng lixiu zhanglei liming wanghao zhaoyang yangfan huangwei zhoujie
wuhao xulei sunli majun zhujie hulin guoqiang heping gaoyuan linfeng luoxiao zhengyi liangchen
songyu tangyi hanbing fengyu dongyi xiaoming xiaohong xiaoli xiaowang laowang xiaozhang
xiaoyu xiaoyan xiaolong dabao erbao baobao beibei tiantian yuanyuan lele doudou huanhuan
""".split()

WORDS = """woaini iloveyou aini wodeai wode baobei laogong laopo qinai tiantian kuaile xingfu
pingan fuqi jiayou fendou meili taiyang yueliang xingxing haiyang tiankong shijie zhongguo
beijing shanghai guangzhou shenzhen chengdu chongqing wuhan nanjing hangzhou xian tianjin
zhifa chengguan zhongdui xiangzhen zhengfu gongan jingcha falv xingzheng zonghe gongzuo
bangong diannao shuju mima denglu guanli guanliyuan admin administrator password passw0rd
qwerty qwertyuiop asdfghjkl zxcvbnm monkey dragon master shadow sunshine princess welcome
letmein football superman batman iloveu loveyou forever together family happy lucky
""".split()

WALKS = """qwertyuiop qwertyuiop1 qwertyuiop12 qwertyuiop123 asdfghjkl asdfghjkl1 asdfghjkl123
zxcvbnm123 zxcvbnm1234 1qaz2wsx3edc 1qaz2wsx3edc4rfv qazwsxedc qazwsxedcrfv qazwsxedc123
1q2w3e4r5t6y 1q2w3e4r5t6y7u q1w2e3r4t5y6 qweasdzxc123 zaq1xsw2cde3 !qaz2wsx 1qaz!qaz
qwer1234asdf asdf1234qwer 1234qwerasdf poiuytrewq lkjhgfdsa mnbvcxz 0987654321 9876543210
""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "520", "521", "1314", "5201314",
            "888", "666", "000", "111", "!", "@123", ".", "a", "abc"]
YEARS = [str(y) for y in range(1960, 2027)]


def generate() -> list[str]:
    out: dict[str, None] = {}

    def add(word: str) -> None:
        out.setdefault(word.lower(), None)

    for w in TOP + WALKS:
        add(w)
    for stem, suffix in product(WORDS + PINYIN_NAMES, SUFFIXES):
        add(stem + suffix)
    for stem, year in product(WORDS[:40] + PINYIN_NAMES[:40], YEARS[25:]):
        add(stem + year)
    for digit in "0123456789":
        for n in range(6, 17):
            add(digit * n)
    for n in range(6, 17):
        add("".join(str(i % 10) for i in range(1, n + 1)))
        add("".join(str(i % 10) for i in range(n, 0, -1)))
    for year, month in product(YEARS, range(1, 13)):
        add(f"{year}{month:02d}01")
        add(f"{year}{month:02d}15")
    for stem in ("123456789", "12345678", "1234567890", "123456", "5201314", "woaini1314"):
        for tail in ("abc", "abcd", "qwe", "qwer", "aa", "a", "q", "woaini", "aini", "lol"):
            add(stem + tail)
            add(tail + stem)
    for w in WALKS:
        add(w + "!")
    return list(out)


def main() -> None:
    words = generate()
    header = [
        "# Common passwords refused by squaddesk (one per line, lower-case; '#' lines are comments).",
        "# Generated by scripts/make_common_passwords.py from patterns of public breach studies.",
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(header + words) + "\n", encoding="utf-8")
    print(f"{len(words)} passwords written to {OUT}")


if __name__ == "__main__":
    main()
