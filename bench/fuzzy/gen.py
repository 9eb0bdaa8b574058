"""Realistic customers for the fuzzy duplicate bench, from a fixed seed.

  gen.py N CASES.jsonl  > copy.tsv

Writes N customers to stdout as COPY text for rec_customer (id, data, owner_id): Chinese names
(common family names, one or two given characters), 15% written in pinyin ("Wang Xiaoming" or
"Xiaoming Wang"), 3% English given names; Chinese companies shared by about three contacts (a city
in front for some, a trade word, a legal suffix), 10% without a company; mainland mobiles stored as
E.164 as Tessera stores them; 70% with an email. CASES gets 2,000 variants of seeded customers (one
JSON object a line: kind, original id, data as a user would type it) and 2,000 new customers (kind
"new", original null).
"""
import json
import random
import sys

SURNAMES = [(c, p) for c, p in (x.split(":") for x in """王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou
徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 高:gao 林:lin 罗:luo 郑:zheng 梁:liang 谢:xie 宋:song 唐:tang 许:xu 韩:han
冯:feng 邓:deng 曹:cao 彭:peng 曾:zeng 肖:xiao 田:tian 董:dong 袁:yuan 潘:pan 于:yu 蒋:jiang 蔡:cai 余:yu 杜:du 叶:ye
程:cheng 苏:su 魏:wei 吕:lv 丁:ding 任:ren 沈:shen 姚:yao 卢:lu 姜:jiang 崔:cui 钟:zhong 谭:tan 陆:lu 汪:wang 范:fan
金:jin 石:shi 廖:liao 贾:jia 夏:xia 韦:wei 付:fu 方:fang 白:bai 邹:zou 孟:meng 熊:xiong 秦:qin 邱:qiu 江:jiang 尹:yin
薛:xue 闫:yan 段:duan 雷:lei 侯:hou 龙:long 史:shi 陶:tao 黎:li 贺:he 顾:gu 毛:mao 郝:hao 龚:gong 邵:shao 万:wan
钱:qian 严:yan 武:wu 戴:dai 莫:mo 孔:kong 向:xiang 汤:tang 欧阳:ouyang 司马:sima 诸葛:zhuge 上官:shangguan""".split())]
GIVEN = [(c, p) for c, p in (x.split(":") for x in """伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang
勇:yong 艳:yan 杰:jie 娟:juan 涛:tao 明:ming 超:chao 秀:xiu 霞:xia 平:ping 刚:gang 桂:gui 英:ying 华:hua 玉:yu 兰:lan
建:jian 国:guo 志:zhi 红:hong 文:wen 辉:hui 鹏:peng 飞:fei 宇:yu 浩:hao 欣:xin 婷:ting 雪:xue 琳:lin 晨:chen 阳:yang
佳:jia 俊:jun 慧:hui 嘉:jia 思:si 子:zi 梓:zi 涵:han 轩:xuan 一:yi 诗:shi 雨:yu 博:bo 凯:kai 晓:xiao 小:xiao 海:hai
波:bo 斌:bin 彬:bin 鑫:xin 毅:yi 峰:feng 亮:liang 莉:li 萍:ping 燕:yan 颖:ying 倩:qian 晶:jing 丹:dan 蕾:lei 琪:qi
瑶:yao 璐:lu 露:lu 薇:wei 蓉:rong 秋:qiu 春:chun 冬:dong 梅:mei 兵:bing 成:cheng 东:dong 新:xin 永:yong 德:de 荣:rong
庆:qing 福:fu 龙:long 天:tian 智:zhi 睿:rui 哲:zhe 铭:ming 鸣:ming 玮:wei 婧:jing 君:jun 洁:jie 虹:hong 莹:ying 钢:gang
健:jian 韬:tao 昊:hao 然:ran 泽:ze 宁:ning 安:an 乐:le 帆:fan 航:hang 远:yuan 清:qing 立:li 云:yun 山:shan 江:jiang""".split())]
ENGLISH = "David Michael Kevin Jason Tony Eric Peter Jack Leo Frank Linda Grace Cindy Amy Vivian Helen Lily Sophia Coco Emma".split()
CITIES = ["北京", "上海", "深圳", "广州", "杭州", "成都", "武汉", "南京", "苏州", "西安"]
BRAND = list("华信达通宏远鼎盛恒泰瑞博创联智云新美康安和金汇德丰诚佳立明中光腾讯字节跳动百度京东网易米尔格力万碧桂园欣宇星辰曦蓝鲸飞鹰凤凰启航卓越领先优品易购")
TRADES = ["科技", "网络科技", "信息技术", "电子商务", "文化传媒", "贸易", "实业", "教育科技", "软件", "商贸", "咨询", "网络"]
LEGAL = ["有限公司"] * 14 + ["股份有限公司"] * 3 + ["有限责任公司"] * 2 + ["集团有限公司"]
MOBILE = [str(p) for p in (130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 155, 156, 157, 158, 159,
                           176, 177, 180, 181, 182, 183, 185, 186, 187, 188, 189, 198)]
NEW_MOBILE = ["166", "199", "191"]  # never given to a seeded customer: a "new phone" can only be new
DOMAINS = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com", "foxmail.com"]
PY = dict(SURNAMES + GIVEN)
HOMOPHONES = {}
for c, p in GIVEN:
    HOMOPHONES.setdefault(p, []).append(c)


# rank-weighted (Zipf, 1/(rank+3)): 王 9%, the first ten family names 45% of people, near China's figures
SURNAME_CUM = []
for k in range(len(SURNAMES)):
    SURNAME_CUM.append((SURNAME_CUM[-1] if SURNAME_CUM else 0) + 1 / (k + 3))


def weighted_surname(r):
    return r.choices(SURNAMES, cum_weights=SURNAME_CUM)[0]


def person(r):
    s = weighted_surname(r)
    given = [r.choice(GIVEN[:60]) if r.random() < 0.6 else r.choice(GIVEN) for _ in range(1 if r.random() < 0.25 else 2)]
    return s, given


def written(s, given, r, style):
    if style == "zh":
        return s[0] + "".join(g[0] for g in given)
    gpy = "".join(g[1] for g in given).capitalize()
    if style == "en":
        return f"{r.choice(ENGLISH)} {s[1].capitalize()}"
    return f"{s[1].capitalize()} {gpy}" if style == "py-family-first" else f"{gpy} {s[1].capitalize()}"


def company(r):
    city = r.choice(CITIES) if r.random() < 0.6 else ""
    brand = "".join(r.choice(BRAND) for _ in range(r.choice((2, 2, 3, 4))))
    return {"city": city, "brand": brand, "trade": r.choice(TRADES), "legal": r.choice(LEGAL)}


def company_text(c):
    return c["city"] + c["brand"] + c["trade"] + c["legal"]


def mobile(r, prefixes):
    return r.choice(prefixes) + f"{r.randrange(10 ** 8):08d}"


def customer(i, r, companies):
    s, given = person(r)
    u = r.random()
    style = "zh" if u < 0.82 else "en" if u < 0.85 else "py-family-first" if u < 0.93 else "py-given-first"
    c = r.choice(companies) if r.random() < 0.9 else None
    phone = mobile(r, MOBILE)
    email = None
    if r.random() < 0.7:
        local = (s[1] + "".join(g[1] for g in given)) if r.random() < 0.7 else "".join(g[1] for g in given) + "." + s[1]
        email = f"{local}{format(i, 'x')}@{r.choice(DOMAINS)}"
    return {"s": s, "given": given, "style": style, "company": c, "phone": phone, "email": email,
            "name": written(s, given, r, style)}


def stored(cu):
    d = {"name": cu["name"], "phone": "+86" + cu["phone"]}
    if cu["email"]:
        d["email"] = cu["email"]
    if cu["company"]:
        d["company"] = company_text(cu["company"])
    return d


def uid(i):
    return f"00000000-0000-4000-8000-{i:012x}"


# --- variants, as another sales rep would type the same customer ---

def phone_format(p, r):
    return r.choice([f"+86 {p[:3]} {p[3:7]} {p[7:]}", f"{p[:3]}-{p[3:7]}-{p[7:]}", f"0086{p}", f"{p[:3]} {p[3:]}", p])


def email_variant(e, r):
    local, dom = e.split("@")
    return r.choice([e.upper(), f"{local}+{r.choice(['crm', 'douyin', 'wx'])}@{dom}", local.capitalize() + "@" + dom.upper()])


def company_variant(c, r):
    v = dict(c)
    for _ in range(r.choice((1, 2))):
        k = r.randrange(4)
        if k == 0 and v["city"]:
            v["city"] = ""
        elif k == 0:
            v["city"] = r.choice(CITIES)
        elif k == 1:
            v["legal"] = r.choice([x for x in ("有限公司", "股份有限公司", "集团", "有限责任公司", "") if x != v["legal"]])
        elif k == 2:
            v["trade"] = r.choice(["", "科技"]) if v["trade"] != "科技" else ""
        else:
            v["legal"] = v["legal"] + f"（{v['city'] or r.choice(CITIES)}）" if v["legal"] else "有限公司"
            v["city"] = ""
    return company_text(v)


def homophone(cu, r):
    given = list(cu["given"])
    options = [k for k, g in enumerate(given) if len(HOMOPHONES[g[1]]) > 1]
    if not options:
        return None
    k = r.choice(options)
    given[k] = (r.choice([c for c in HOMOPHONES[given[k][1]] if c != given[k][0]]), given[k][1])
    return written(cu["s"], given, r, "zh")


def one_char(cu, r, kind):
    zh = written(cu["s"], cu["given"], r, "zh")
    n = len(cu["s"][0])
    at = r.randrange(n, len(zh))
    if kind == "drop" and len(zh) - n >= 2:
        return zh[:at] + zh[at + 1:]
    if kind == "sub":
        return zh[:at] + r.choice([g[0] for g in GIVEN if g[1] != PY.get(zh[at])]) + zh[at + 1:]
    return zh[:at] + r.choice(GIVEN)[0] + zh[at:]


def variant(k, cu, r):
    """(kind, typed data) of the k-th duplicate: see RESULTS.md for the mix."""
    zh = cu["style"] == "zh"
    co = cu["company"]
    bucket = k % 20
    d = {}
    if bucket < 4:
        kind = "phone format"
        d["name"] = (homophone(cu, r) if zh and r.random() < 0.5 else None) or cu["name"]
        d["phone"] = phone_format(cu["phone"], r)
        if co and r.random() < 0.7:
            d["company"] = company_text(co)
    elif bucket < 6 and cu["email"]:
        kind = "email case/+tag"
        d["name"], d["email"] = cu["name"], email_variant(cu["email"], r)
        if co:
            d["company"] = company_variant(co, r)
    elif bucket < 10 and zh and co and homophone(cu, r):
        kind = "homophone name, company suffix, new phone"
        d["name"], d["company"], d["phone"] = homophone(cu, r), company_variant(co, r), mobile(r, NEW_MOBILE)
    elif bucket < 12 and zh and co and len(cu["given"]) == 2:
        # a wrong character in a two-character given name; in a one-character one it is another person
        kind = "typed-wrong character, company suffix, new phone"
        d["name"], d["company"], d["phone"] = one_char(cu, r, "sub"), company_variant(co, r), mobile(r, NEW_MOBILE)
    elif bucket < 14 and zh:
        kind = "dropped/added character"
        d["name"] = one_char(cu, r, r.choice(("drop", "add")))
        if co and r.random() < 0.5:
            d["company"], d["phone"] = company_variant(co, r), mobile(r, NEW_MOBILE)
        else:
            d["phone"] = phone_format(cu["phone"], r)
    elif bucket < 16:
        kind = "swapped or pinyin name"
        if zh:
            d["name"] = written(cu["s"], cu["given"], r, r.choice(("py-family-first", "py-given-first")))
        elif cu["style"] == "en":
            d["name"] = " ".join(reversed(cu["name"].split()))
        else:
            d["name"] = written(cu["s"], cu["given"], r, "py-given-first" if cu["style"] == "py-family-first" else "py-family-first")
        d["phone"] = phone_format(cu["phone"], r)
    elif bucket < 18 and co:
        kind = "company suffix, new phone"
        d["name"], d["company"], d["phone"] = cu["name"], company_variant(co, r), mobile(r, NEW_MOBILE)
        if cu["email"]:
            d["email"] = cu["email"]
    else:
        kind = "homophone, phone format, no company"
        d["name"] = (homophone(cu, r) if zh else None) or cu["name"]
        d["phone"] = phone_format(cu["phone"], r)
    return kind, d


def main():
    n, cases_path = int(sys.argv[1]), sys.argv[2]
    r = random.Random(2026)
    companies = [company(r) for _ in range(n // 3)]
    picked = set(r.sample(range(1, n + 1), 2000))
    originals = {}
    out = sys.stdout
    for i in range(1, n + 1):
        cu = customer(i, r, companies)
        if i in picked:
            originals[i] = cu
        out.write(f"{uid(i)}\t{json.dumps(stored(cu), ensure_ascii=False)}\tsales{i % 100:03d}\n")
    with open(cases_path, "w") as f:
        for k, i in enumerate(sorted(originals)):
            kind, d = variant(k, originals[i], r)
            f.write(json.dumps({"kind": kind, "original": uid(i), "data": d}, ensure_ascii=False) + "\n")
        for k in range(2000):
            cu = customer(n + 1 + k, r, companies)
            cu["phone"] = mobile(r, NEW_MOBILE)
            d = {"name": cu["name"], "phone": phone_format(cu["phone"], r)}
            if cu["email"]:
                d["email"] = cu["email"].replace("@", ".new@")
            if cu["company"]:
                d["company"] = company_text(cu["company"])
            f.write(json.dumps({"kind": "new", "original": None, "data": d}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
