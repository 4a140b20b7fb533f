# ruff: noqa: E501  (the vocabulary below keeps each Chinese–English pair on one line, to read them side by side)
"""Generate realistic, varied bilingual demo cases for load testing.

    python manage.py seed_demo --cases 100000 [--seed 1] [--clear] [--jobs 2]

Every generated case has the slug ``demo-<seed>-<n>`` (n = 1 … N), so the real fixture cases are never
touched. ``--cases N`` makes sure demo-<seed>-1 … demo-<seed>-N exist: slugs that already exist are skipped,
so re-running with the same seed adds nothing, and a larger N adds only the missing cases. ``--clear`` first
deletes every ``demo-`` case (of any seed) with its key figures and links.

Deterministic: case n of seed S is drawn from its own random generator (seeded with "S:n"), dates are fixed
calendar dates (scheduled cases are dated in 2036, so they stay in the future), and pairings and themes are
picked by slug, never by primary key. The same seed and N therefore give the same cases, byte for byte, on
any database that holds the same pairings and themes (fixtures/reference.json).

Speed: cases, their pairing and theme links and their key figures are bulk-inserted 2,000 at a time, one
transaction per batch; then cases.maintenance.refresh_derived(ids) fills what is derived from them (rendered
Markdown, sort keys, facet keys, the search index) in --jobs worker processes while the next batch is
inserted. A run interrupted between the two is finished by the next run with the same seed.

Search vocabulary, for benchmarks (share of generated cases containing the word, seed 1, N = 10,000; see
TOPICS): 茶叶 14 % / tea 15 %, 医院 11 % / hospital 8 %, 拉面 8 % / noodles 7 %, 电商 4 % / e-commerce 6 %,
吉他 3 % / guitar 3 %; the rare word 唐卡 / thangka is in about 0.06 % (one case in 1,600). English avoids
words that contain "tea" (team, teach, steady, instead), so substring and word searches find the same cases.
"""

import multiprocessing
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# No model imports at module level: worker processes import this module before django.setup().

PREFIX = "demo-"
BATCH = 2000
DELETE_BATCH = 2000
# Published dates lie between the year of the work and this fixed day (never "now": output must not
# depend on the day it is generated). Scheduled cases are dated in SCHEDULED_YEAR, in the future.
LATEST_PUBLISHED = datetime(2026, 6, 30, tzinfo=UTC)
SCHEDULED_YEAR = 2036
YEARS = list(range(2016, 2026))
YEAR_WEIGHTS = [6, 7, 8, 9, 10, 11, 12, 13, 13, 11]

# ---------------------------------------------------------------------------------------------------------
# Places: per province, (name inside the province, English name, short Chinese name, short English name).
# ---------------------------------------------------------------------------------------------------------

PROVINCES = {
    # slug: (name used before a place, English name)
    "beijing": ("北京市", "Beijing"),
    "tianjin": ("天津市", "Tianjin"),
    "shanghai": ("上海市", "Shanghai"),
    "jiangsu": ("江苏省", "Jiangsu"),
    "zhejiang": ("浙江省", "Zhejiang"),
    "fujian": ("福建省", "Fujian"),
    "shandong": ("山东省", "Shandong"),
    "guangdong": ("广东省", "Guangdong"),
    "neimenggu": ("内蒙古自治区", "Inner Mongolia"),
    "guangxi": ("广西壮族自治区", "Guangxi"),
    "chongqing": ("重庆市", "Chongqing"),
    "sichuan": ("四川省", "Sichuan"),
    "guizhou": ("贵州省", "Guizhou"),
    "yunnan": ("云南省", "Yunnan"),
    "shaanxi": ("陕西省", "Shaanxi"),
    "gansu": ("甘肃省", "Gansu"),
    "qinghai": ("青海省", "Qinghai"),
    "ningxia": ("宁夏回族自治区", "Ningxia"),
}

PLACES = {
    "beijing": [
        ("海淀区", "Haidian District", "海淀区", "Haidian District"),
        ("朝阳区", "Chaoyang District", "朝阳区", "Chaoyang District"),
        ("东城区", "Dongcheng District", "东城区", "Dongcheng District"),
        ("丰台区", "Fengtai District", "丰台区", "Fengtai District"),
        ("顺义区", "Shunyi District", "顺义区", "Shunyi District"),
        ("大兴区", "Daxing District", "大兴区", "Daxing District"),
        ("昌平区", "Changping District", "昌平区", "Changping District"),
        ("房山区", "Fangshan District", "房山区", "Fangshan District"),
    ],
    "tianjin": [
        ("和平区", "Heping District", "和平区", "Heping District"),
        ("河西区", "Hexi District", "河西区", "Hexi District"),
        ("南开区", "Nankai District", "南开区", "Nankai District"),
        ("滨海新区", "Binhai New Area", "滨海新区", "Binhai New Area"),
        ("武清区", "Wuqing District", "武清区", "Wuqing District"),
        ("西青区", "Xiqing District", "西青区", "Xiqing District"),
        ("津南区", "Jinnan District", "津南区", "Jinnan District"),
    ],
    "shanghai": [
        ("浦东新区", "Pudong New Area", "浦东新区", "Pudong New Area"),
        ("徐汇区", "Xuhui District", "徐汇区", "Xuhui District"),
        ("闵行区", "Minhang District", "闵行区", "Minhang District"),
        ("松江区", "Songjiang District", "松江区", "Songjiang District"),
        ("嘉定区", "Jiading District", "嘉定区", "Jiading District"),
        ("青浦区", "Qingpu District", "青浦区", "Qingpu District"),
        ("奉贤区", "Fengxian District", "奉贤区", "Fengxian District"),
        ("金山区", "Jinshan District", "金山区", "Jinshan District"),
        ("宝山区", "Baoshan District", "宝山区", "Baoshan District"),
        ("杨浦区", "Yangpu District", "杨浦区", "Yangpu District"),
    ],
    "jiangsu": [
        ("南京市", "Nanjing", "南京", "Nanjing"),
        ("苏州市", "Suzhou", "苏州", "Suzhou"),
        ("无锡市", "Wuxi", "无锡", "Wuxi"),
        ("常州市", "Changzhou", "常州", "Changzhou"),
        ("南通市", "Nantong", "南通", "Nantong"),
        ("扬州市", "Yangzhou", "扬州", "Yangzhou"),
        ("泰州市", "Taizhou", "泰州", "Taizhou"),
        ("徐州市", "Xuzhou", "徐州", "Xuzhou"),
        ("苏州市昆山市", "Kunshan, Suzhou", "昆山", "Kunshan"),
        ("无锡市江阴市", "Jiangyin, Wuxi", "江阴", "Jiangyin"),
    ],
    "zhejiang": [
        ("杭州市西湖区", "Xihu District, Hangzhou", "西湖区", "Xihu District"),
        ("杭州市余杭区", "Yuhang District, Hangzhou", "余杭区", "Yuhang District"),
        ("宁波市", "Ningbo", "宁波", "Ningbo"),
        ("温州市", "Wenzhou", "温州", "Wenzhou"),
        ("湖州市", "Huzhou", "湖州", "Huzhou"),
        ("嘉兴市", "Jiaxing", "嘉兴", "Jiaxing"),
        ("绍兴市", "Shaoxing", "绍兴", "Shaoxing"),
        ("金华市义乌市", "Yiwu, Jinhua", "义乌", "Yiwu"),
        ("台州市", "Taizhou", "台州", "Taizhou"),
        ("丽水市", "Lishui", "丽水", "Lishui"),
    ],
    "fujian": [
        ("福州市", "Fuzhou", "福州", "Fuzhou"),
        ("厦门市", "Xiamen", "厦门", "Xiamen"),
        ("泉州市", "Quanzhou", "泉州", "Quanzhou"),
        ("泉州市晋江市", "Jinjiang, Quanzhou", "晋江", "Jinjiang"),
        ("莆田市", "Putian", "莆田", "Putian"),
        ("漳州市", "Zhangzhou", "漳州", "Zhangzhou"),
        ("南平市", "Nanping", "南平", "Nanping"),
        ("三明市", "Sanming", "三明", "Sanming"),
        ("龙岩市", "Longyan", "龙岩", "Longyan"),
        ("宁德市", "Ningde", "宁德", "Ningde"),
    ],
    "shandong": [
        ("济南市", "Jinan", "济南", "Jinan"),
        ("青岛市", "Qingdao", "青岛", "Qingdao"),
        ("烟台市", "Yantai", "烟台", "Yantai"),
        ("潍坊市", "Weifang", "潍坊", "Weifang"),
        ("威海市", "Weihai", "威海", "Weihai"),
        ("临沂市", "Linyi", "临沂", "Linyi"),
        ("淄博市", "Zibo", "淄博", "Zibo"),
        ("济宁市", "Jining", "济宁", "Jining"),
        ("日照市", "Rizhao", "日照", "Rizhao"),
        ("泰安市", "Tai'an", "泰安", "Tai'an"),
    ],
    "guangdong": [
        ("广州市", "Guangzhou", "广州", "Guangzhou"),
        ("深圳市", "Shenzhen", "深圳", "Shenzhen"),
        ("佛山市", "Foshan", "佛山", "Foshan"),
        ("东莞市", "Dongguan", "东莞", "Dongguan"),
        ("珠海市", "Zhuhai", "珠海", "Zhuhai"),
        ("中山市", "Zhongshan", "中山", "Zhongshan"),
        ("惠州市", "Huizhou", "惠州", "Huizhou"),
        ("江门市", "Jiangmen", "江门", "Jiangmen"),
        ("汕头市", "Shantou", "汕头", "Shantou"),
        ("肇庆市", "Zhaoqing", "肇庆", "Zhaoqing"),
    ],
    "neimenggu": [
        ("赤峰市敖汉旗", "Aohan Banner, Chifeng", "敖汉旗", "Aohan Banner"),
        ("赤峰市林西县", "Linxi County, Chifeng", "林西县", "Linxi County"),
        ("乌兰察布市化德县", "Huade County, Ulanqab", "化德县", "Huade County"),
        ("乌兰察布市商都县", "Shangdu County, Ulanqab", "商都县", "Shangdu County"),
        ("兴安盟科尔沁右翼前旗", "Horqin Right Front Banner, Hinggan League", "科右前旗", "Horqin Right Front Banner"),
        ("通辽市库伦旗", "Hure Banner, Tongliao", "库伦旗", "Hure Banner"),
        ("锡林郭勒盟太仆寺旗", "Taibus Banner, Xilingol League", "太仆寺旗", "Taibus Banner"),
        ("乌兰察布市察哈尔右翼后旗", "Qahar Right Rear Banner, Ulanqab", "察右后旗", "Qahar Right Rear Banner"),
    ],
    "gansu": [
        ("定西市安定区", "Anding District, Dingxi", "安定区", "Anding District"),
        ("定西市渭源县", "Weiyuan County, Dingxi", "渭源县", "Weiyuan County"),
        ("陇南市武都区", "Wudu District, Longnan", "武都区", "Wudu District"),
        ("陇南市康县", "Kang County, Longnan", "康县", "Kang County"),
        ("临夏回族自治州东乡族自治县", "Dongxiang County, Linxia", "东乡县", "Dongxiang County"),
        ("临夏回族自治州积石山县", "Jishishan County, Linxia", "积石山县", "Jishishan County"),
        ("甘南藏族自治州夏河县", "Xiahe County, Gannan", "夏河县", "Xiahe County"),
        ("庆阳市环县", "Huan County, Qingyang", "环县", "Huan County"),
        ("平凉市静宁县", "Jingning County, Pingliang", "静宁县", "Jingning County"),
        ("武威市古浪县", "Gulang County, Wuwei", "古浪县", "Gulang County"),
    ],
    "yunnan": [
        ("怒江傈僳族自治州福贡县", "Fugong County, Nujiang", "福贡县", "Fugong County"),
        ("普洱市澜沧县", "Lancang County, Pu'er", "澜沧县", "Lancang County"),
        ("昭通市镇雄县", "Zhenxiong County, Zhaotong", "镇雄县", "Zhenxiong County"),
        ("文山壮族苗族自治州广南县", "Guangnan County, Wenshan", "广南县", "Guangnan County"),
        ("临沧市双江县", "Shuangjiang County, Lincang", "双江县", "Shuangjiang County"),
        ("红河哈尼族彝族自治州元阳县", "Yuanyang County, Honghe", "元阳县", "Yuanyang County"),
        ("保山市施甸县", "Shidian County, Baoshan", "施甸县", "Shidian County"),
        ("大理白族自治州云龙县", "Yunlong County, Dali", "云龙县", "Yunlong County"),
        ("西双版纳傣族自治州勐腊县", "Mengla County, Xishuangbanna", "勐腊县", "Mengla County"),
    ],
    "shaanxi": [
        ("安康市平利县", "Pingli County, Ankang", "平利县", "Pingli County"),
        ("安康市紫阳县", "Ziyang County, Ankang", "紫阳县", "Ziyang County"),
        ("商洛市柞水县", "Zhashui County, Shangluo", "柞水县", "Zhashui County"),
        ("商洛市山阳县", "Shanyang County, Shangluo", "山阳县", "Shanyang County"),
        ("延安市延川县", "Yanchuan County, Yan'an", "延川县", "Yanchuan County"),
        ("榆林市清涧县", "Qingjian County, Yulin", "清涧县", "Qingjian County"),
        ("汉中市略阳县", "Lüeyang County, Hanzhong", "略阳县", "Lüeyang County"),
        ("宝鸡市太白县", "Taibai County, Baoji", "太白县", "Taibai County"),
    ],
    "qinghai": [
        ("海东市化隆回族自治县", "Hualong County, Haidong", "化隆县", "Hualong County"),
        ("海东市循化撒拉族自治县", "Xunhua County, Haidong", "循化县", "Xunhua County"),
        ("西宁市湟中区", "Huangzhong District, Xining", "湟中区", "Huangzhong District"),
        ("海南藏族自治州共和县", "Gonghe County, Hainan Prefecture", "共和县", "Gonghe County"),
        ("海西蒙古族藏族自治州格尔木市", "Golmud, Haixi", "格尔木", "Golmud"),
        ("黄南藏族自治州同仁市", "Tongren, Huangnan", "同仁", "Tongren"),
        ("玉树藏族自治州玉树市", "Yushu, Yushu Prefecture", "玉树", "Yushu"),
        ("果洛藏族自治州玛沁县", "Maqên County, Golog", "玛沁县", "Maqên County"),
    ],
    "sichuan": [
        ("甘孜藏族自治州九龙县", "Jiulong County, Garzê", "九龙县", "Jiulong County"),
        ("甘孜藏族自治州理塘县", "Litang County, Garzê", "理塘县", "Litang County"),
        ("凉山彝族自治州昭觉县", "Zhaojue County, Liangshan", "昭觉县", "Zhaojue County"),
        ("凉山彝族自治州布拖县", "Butuo County, Liangshan", "布拖县", "Butuo County"),
        ("凉山彝族自治州美姑县", "Meigu County, Liangshan", "美姑县", "Meigu County"),
        ("阿坝藏族羌族自治州小金县", "Xiaojin County, Aba", "小金县", "Xiaojin County"),
        ("广元市旺苍县", "Wangcang County, Guangyuan", "旺苍县", "Wangcang County"),
        ("巴中市通江县", "Tongjiang County, Bazhong", "通江县", "Tongjiang County"),
        ("南充市仪陇县", "Yilong County, Nanchong", "仪陇县", "Yilong County"),
    ],
    "ningxia": [
        ("固原市西吉县", "Xiji County, Guyuan", "西吉县", "Xiji County"),
        ("固原市隆德县", "Longde County, Guyuan", "隆德县", "Longde County"),
        ("固原市泾源县", "Jingyuan County, Guyuan", "泾源县", "Jingyuan County"),
        ("吴忠市红寺堡区", "Hongsibu District, Wuzhong", "红寺堡区", "Hongsibu District"),
        ("吴忠市同心县", "Tongxin County, Wuzhong", "同心县", "Tongxin County"),
        ("中卫市海原县", "Haiyuan County, Zhongwei", "海原县", "Haiyuan County"),
        ("银川市永宁县闽宁镇", "Minning Town, Yongning County, Yinchuan", "闽宁镇", "Minning Town"),
    ],
    "chongqing": [
        ("城口县", "Chengkou County", "城口县", "Chengkou County"),
        ("巫溪县", "Wuxi County", "巫溪县", "Wuxi County"),
        ("巫山县", "Wushan County", "巫山县", "Wushan County"),
        ("奉节县", "Fengjie County", "奉节县", "Fengjie County"),
        ("云阳县", "Yunyang County", "云阳县", "Yunyang County"),
        ("酉阳土家族苗族自治县", "Youyang County", "酉阳县", "Youyang County"),
        ("彭水苗族土家族自治县", "Pengshui County", "彭水县", "Pengshui County"),
        ("石柱土家族自治县", "Shizhu County", "石柱县", "Shizhu County"),
    ],
    "guangxi": [
        ("河池市都安瑶族自治县", "Du'an County, Hechi", "都安县", "Du'an County"),
        ("河池市大化瑶族自治县", "Dahua County, Hechi", "大化县", "Dahua County"),
        ("河池市罗城仫佬族自治县", "Luocheng County, Hechi", "罗城县", "Luocheng County"),
        ("百色市乐业县", "Leye County, Baise", "乐业县", "Leye County"),
        ("百色市凌云县", "Lingyun County, Baise", "凌云县", "Lingyun County"),
        ("桂林市龙胜各族自治县", "Longsheng County, Guilin", "龙胜县", "Longsheng County"),
        ("柳州市融水苗族自治县", "Rongshui County, Liuzhou", "融水县", "Rongshui County"),
        ("崇左市龙州县", "Longzhou County, Chongzuo", "龙州县", "Longzhou County"),
    ],
    "guizhou": [
        ("遵义市正安县", "Zheng'an County, Zunyi", "正安县", "Zheng'an County"),
        ("毕节市威宁彝族回族苗族自治县", "Weining County, Bijie", "威宁县", "Weining County"),
        ("黔东南苗族侗族自治州从江县", "Congjiang County, Qiandongnan", "从江县", "Congjiang County"),
        ("黔东南苗族侗族自治州雷山县", "Leishan County, Qiandongnan", "雷山县", "Leishan County"),
        ("黔南布依族苗族自治州三都水族自治县", "Sandu County, Qiannan", "三都县", "Sandu County"),
        ("六盘水市水城区", "Shuicheng District, Liupanshui", "水城区", "Shuicheng District"),
        ("黔西南布依族苗族自治州晴隆县", "Qinglong County, Qianxinan", "晴隆县", "Qinglong County"),
        ("铜仁市沿河土家族自治县", "Yanhe County, Tongren", "沿河县", "Yanhe County"),
        ("安顺市紫云苗族布依族自治县", "Ziyun County, Anshun", "紫云县", "Ziyun County"),
    ],
}

# ---------------------------------------------------------------------------------------------------------
# People who appear in the stories.
# ---------------------------------------------------------------------------------------------------------

SURNAMES = [
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("赵", "Zhao"),
    ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"), ("马", "Ma"), ("何", "He"), ("罗", "Luo"), ("胡", "Hu"),
    ("郭", "Guo"), ("林", "Lin"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"),
]  # fmt: skip
GIVEN_NAMES = [
    ("建国", "Jianguo"), ("秀英", "Xiuying"), ("海燕", "Haiyan"), ("志强", "Zhiqiang"), ("春梅", "Chunmei"),
    ("国华", "Guohua"), ("晓东", "Xiaodong"), ("玉兰", "Yulan"), ("文斌", "Wenbin"), ("桂芳", "Guifang"),
    ("永平", "Yongping"), ("小红", "Xiaohong"), ("德明", "Deming"), ("金花", "Jinhua"), ("学军", "Xuejun"),
    ("丽娟", "Lijuan"), ("成林", "Chenglin"), ("红梅", "Hongmei"), ("家宝", "Jiabao"), ("云飞", "Yunfei"),
]  # fmt: skip
WEST_ROLES = [
    ("村民", "villager"), ("合作社负责人", "head of the local cooperative"), ("驻村第一书记", "resident first secretary"),
    ("返乡创业青年", "young returnee who started a business"), ("脱贫户", "farmer from a formerly poor household"),
    ("乡镇干部", "township official"), ("种植大户", "large grower"), ("车间负责人", "workshop manager"),
]  # fmt: skip
EAST_ROLES = [
    ("挂职副县长", "deputy county head on secondment"), ("企业负责人", "company manager"),
    ("帮扶工作队队长", "leader of the support group"), ("协作办负责人", "head of the cooperation office"),
    ("技术专家", "technical specialist"), ("援派干部", "official sent to help"),
]  # fmt: skip

# ---------------------------------------------------------------------------------------------------------
# Topics. Each belongs to a theme and carries its own vocabulary: P (the thing, e.g. 茶叶/tea),
# F (the line of work, e.g. 茶叶产业/tea industry), titles, and sentences. Weights set how often it is
# picked within its theme; `west` lists western provinces where it is three times as likely.
# Placeholders: E/W (eastern/western place), EP/WP (provinces), P, F, Y (year of the work), numbers
# (NS small count, NP people, M money in 万元, PCT percent, MU area in mu), NAME/ROLE (a western person),
# ENAME/EROLE (an eastern person). English forms end in e: Ee, We, Pe, Fe, NPe, Me …
# ---------------------------------------------------------------------------------------------------------

TOPICS = [
    # ---------------------------------------------------------------- industry
    {
        "theme": "industry", "weight": 16, "west": {"sichuan", "yunnan", "guizhou", "shaanxi", "guangxi"},
        "P": ("茶叶", "tea"), "F": ("茶叶产业", "tea industry"),
        "titles": [
            ("{E}工艺上高原：{W}的高山茶叶找到了销路", "{Ee} know-how on the high slopes: {We}'s mountain tea finds its market"),
            ("一片茶叶连起{EP}和{WP}", "A leaf of tea that ties {EPe} to {WPe}"),
            ("{W}茶园里的新变化", "What has changed in the tea gardens of {We}"),
            ("从山间茶园到直播间：{W}茶叶走向全国", "From hillside garden to livestream: {We}'s tea reaches the whole country"),
        ],
        "sentences": [
            ("{W}的高山茶园海拔一千多米，云雾多、日照足，茶叶品质出众。", "The high tea gardens of {We} lie more than a thousand metres up, where mist and sunshine give the tea its quality."),
            ("过去茶农只卖鲜叶，一斤鲜叶卖不了几块钱。", "Growers used to sell only fresh leaf, and a jin of it fetched just a few yuan."),
            ("{E}派来的制茶师傅手把手教茶农摊青、揉捻和烘焙，红茶和绿茶都做出了自己的味道。", "Tea masters sent by {Ee} showed growers how to wither, roll and roast the leaf, and both the black and the green tea found their own flavour."),
            ("新建的茶叶加工厂每天能处理鲜叶{NS}吨，周边农户就近卖叶、就近务工。", "The new tea factory can process {NS} tonnes of fresh leaf a day, so nearby households sell leaf and find work close to home."),
            ("茶园装上了监测设备，温度、湿度和病虫害情况在手机上就能看到。", "Sensors now watch the tea gardens, and growers can check temperature, humidity and pests on their phones."),
            ("{Y}年，全县茶园面积达到{MU}亩，茶叶综合产值{M}。", "In {Y} the county's tea gardens covered {MUe} mu and the tea industry's total output reached {Me}."),
            ("每到春茶季，茶园里满是采茶的村民，一天能挣一百多元。", "In the spring picking season the gardens fill with villagers, who can earn more than a hundred yuan a day."),
            ("{EP}的茶企与{W}签下长期收购协议，保底价让茶农心里有了底。", "Tea companies from {EPe} signed long-term purchase agreements with {We}, and a guaranteed floor price gave growers security."),
        ],
    },
    {
        "theme": "industry", "weight": 7, "west": {"guizhou"},
        "P": ("吉他", "guitar"), "F": ("吉他产业", "guitar making"),
        "titles": [
            ("大山里弹出致富曲：{W}的吉他产业园", "A tune from the mountains: the guitar industrial park of {We}"),
            ("{E}企业西迁，{W}造出了吉他", "A {Ee} firm moves west, and {We} starts making guitars"),
            ("一把吉他的东西部协作", "East–West cooperation, one guitar at a time"),
        ],
        "sentences": [
            ("{W}的吉他产业园里，一把把吉他从流水线上下来，装箱后发往海外。", "In the guitar industrial park of {We}, one guitar after another comes off the line and is boxed for export."),
            ("{EP}的乐器企业把部分吉他生产线搬到{W}，带来了设备、订单和熟练工人。", "Musical instrument makers from {EPe} moved part of their guitar production to {We}, bringing machines, orders and skilled workers."),
            ("不少在外打工的年轻人回到家乡，在吉他厂学会了打磨、喷漆和调音。", "Many young people who had worked far away came home and learned sanding, spraying and tuning at the guitar factory."),
            ("{Y}年，园区生产吉他{NS}万把，产值{M}。", "In {Y} the park turned out {NS}0,000 guitars, worth {Me}."),
            ("当地还办起了吉他文化节和音乐培训班，小县城里常常响起琴声。", "The county now holds a guitar festival and music classes, and the small town often rings with music."),
            ("吉他厂的工人说，在家门口上班，每月能拿四千多元，还能照顾老人孩子。", "Workers at the guitar factory say that with a job on their doorstep they earn more than 4,000 yuan a month and can look after their parents and children."),
        ],
    },
    {
        "theme": "industry", "weight": 10, "west": set(),
        "P": ("产业园", "industrial park"), "F": ("产业园区建设", "industrial park"),
        "titles": [
            ("{EP}—{WP}共建产业园：{W}的新引擎", "A jointly built industrial park gives {We} a new engine"),
            ("{W}产业园里的“东部订单”", "Eastern orders in the industrial park of {We}"),
            ("飞地园区让{E}和{W}共享收益", "A shared industrial park lets {Ee} and {We} split the gains"),
        ],
        "sentences": [
            ("{EP}与{WP}在{W}共建的产业园占地{MU}亩，已有{NS}家企业入驻。", "The industrial park that {EPe} and {WPe} built together in {We} covers {MUe} mu and already hosts {NS} companies."),
            ("园区采用“东部企业+西部资源”的模式，{E}负责招商和管理，{W}提供土地和劳动力。", "The park pairs eastern companies with western resources: {Ee} brings in investors and runs it, while {We} provides land and labour."),
            ("标准厂房建好后，企业“拎包入驻”，最快三个月就能投产。", "With standard factory buildings ready, companies can move straight in and start production within three months."),
            ("{Y}年，产业园实现产值{M}，上缴税收比上年增长{PCT}%。", "In {Y} the industrial park produced {Me} of output, and its tax payments rose by {PCT}% on the year before."),
            ("园区还建了职工宿舍和食堂，外地工人也愿意留下来。", "The park also built dormitories and a canteen, so workers from elsewhere are willing to stay."),
        ],
    },
    {
        "theme": "industry", "weight": 10, "west": set(),
        "P": ("农产品", "farm produce"), "F": ("农产品销售", "farm produce sales"),
        "titles": [
            ("{W}的农产品摆上了{E}的货架", "{We}'s farm produce reaches the shelves of {Ee}"),
            ("消费帮扶：让{W}农产品卖得更远", "Buying to help: {We}'s farm produce travels further"),
            ("从田间到餐桌，{EP}市民买到了{WP}好货", "From field to table: shoppers in {EPe} buy the best of {WPe}"),
        ],
        "sentences": [
            ("{E}在市区开设了{W}农产品专柜，茶叶、核桃、土豆和菌菇都很受欢迎。", "{Ee} opened counters for {We}'s farm produce in its city centre, and the tea, walnuts, potatoes and mushrooms sell well."),
            ("机关食堂、学校和企业优先采购{W}的农产品，订单一签就是一年。", "Government canteens, schools and companies buy {We}'s farm produce first, on contracts that run for a whole year."),
            ("为了让农产品经得起长途运输，当地新建了冷库和分拣中心。", "To let the farm produce survive the long journey, the county built cold stores and a sorting centre."),
            ("{Y}年，{E}采购和帮助销售{W}农产品{M}。", "In {Y}, {Ee} bought or helped sell {Me} of {We}'s farm produce."),
            ("农产品有了统一的品牌和包装，价格比过去高出三成。", "With a common brand and packaging, the farm produce now sells for about 30% more than before."),
        ],
    },
    {
        "theme": "industry", "weight": 10, "west": set(),
        "P": ("电商", "e-commerce"), "F": ("农村电商", "rural e-commerce"),
        "titles": [
            ("直播间里的{W}：电商让山货出山", "{We} on the livestream: e-commerce carries mountain goods to market"),
            ("{E}电商团队驻村记", "An e-commerce crew from {Ee} moves into the village"),
            ("手机成了新农具：{W}的电商之路", "The phone as a farm tool: {We}'s road to e-commerce"),
        ],
        "sentences": [
            ("{E}的电商企业在{W}建起了直播基地，培训了{NP}名本地主播。", "E-commerce companies from {Ee} set up a livestream base in {We} and trained {NPe} local hosts."),
            ("村里的年轻人对着手机介绍自家的土特产，一场直播能卖出上千单。", "Young villagers present their families' produce to a phone camera, and one livestream can bring in more than a thousand orders."),
            ("县里建起了电商服务中心和物流站，包裹当天就能发出。", "The county built an e-commerce service centre and a logistics station, so parcels leave the same day."),
            ("{Y}年，{W}农产品网络销售额达到{M}。", "In {Y} online sales of {We}'s farm produce reached {Me}."),
            ("电商平台把消费者的评价反馈给农户，种什么、怎么包装都有了依据。", "The e-commerce platforms pass shoppers' reviews back to the farmers, who now know what to grow and how to pack it."),
        ],
    },
    {
        "theme": "industry", "weight": 6, "west": {"neimenggu", "ningxia", "gansu", "guizhou"},
        "P": ("肉牛", "beef cattle"), "F": ("肉牛养殖", "beef cattle farming"),
        "titles": [
            ("{W}的肉牛走上了{E}的餐桌", "Beef from {We} reaches the tables of {Ee}"),
            ("养牛养出好日子：{W}肉牛产业观察", "Good times from cattle: a look at beef farming in {We}"),
        ],
        "sentences": [
            ("{W}的草场辽阔，肉牛养殖是许多农户的主要收入来源。", "{We} has wide grasslands, and beef cattle are the main source of income for many households."),
            ("{E}的企业在当地建起了标准化养殖场和屠宰加工厂，延长了产业链。", "Companies from {Ee} built standardised cattle farms and a meat processing plant locally, lengthening the chain."),
            ("“企业+合作社+农户”的模式让农户按合同养牛，企业保底收购。", "Under a company–cooperative–household model, families raise cattle on contract and the company guarantees to buy them."),
            ("{Y}年，全县肉牛存栏{NP}头，带动{NS}个村集体经济增收。", "In {Y} the county had {NPe} head of beef cattle, and {NS} village collectives earned more from them."),
        ],
    },
    {
        "theme": "industry", "weight": 5, "west": {"shaanxi", "sichuan", "guizhou"},
        "P": ("猕猴桃", "kiwi fruit"), "F": ("猕猴桃种植", "kiwi fruit growing"),
        "titles": [
            ("{W}猕猴桃熟了", "Kiwi fruit ripens in {We}"),
            ("一颗猕猴桃的出山路", "How a kiwi fruit left the mountains"),
        ],
        "sentences": [
            ("{W}的山坡上种满了猕猴桃，秋天果子挂满枝头。", "Kiwi fruit vines cover the hillsides of {We}, and in autumn the branches hang heavy with fruit."),
            ("{E}的农业专家帮助果农改良品种、科学修剪，猕猴桃的甜度明显提高。", "Farm specialists from {Ee} helped growers improve the varieties and prune properly, and the kiwi fruit became noticeably sweeter."),
            ("分选线按大小和甜度把猕猴桃分级，好果卖出了好价钱。", "A grading line sorts the kiwi fruit by size and sweetness, and the best fruit fetches the best prices."),
            ("{Y}年，全县猕猴桃种植面积{MU}亩，产值{M}。", "In {Y} the county grew kiwi fruit on {MUe} mu, worth {Me}."),
        ],
    },
    {
        "theme": "industry", "weight": 5, "west": {"guizhou", "chongqing", "sichuan"},
        "P": ("辣椒", "chilli"), "F": ("辣椒产业", "chilli industry"),
        "titles": [
            ("红辣椒，火日子：{W}辣椒产业见闻", "Red chillies, good days: the chilli industry of {We}"),
            ("{E}企业带着{W}辣椒闯市场", "A {Ee} company takes {We}'s chillies to market"),
        ],
        "sentences": [
            ("每年八九月，{W}的辣椒地一片火红。", "Every August and September the chilli fields of {We} turn bright red."),
            ("{E}的食品企业在当地建厂，把辣椒做成辣酱和火锅底料。", "Food companies from {Ee} built a factory locally that turns the chillies into chilli sauce and hotpot base."),
            ("辣椒从种苗、种植到加工都有标准，农户按订单种植，不愁销路。", "There are standards for chilli seedlings, growing and processing, and farmers grow to order with a sure market."),
            ("{Y}年，{W}辣椒种植面积{MU}亩，带动{NP}户农户增收。", "In {Y}, {We} grew chillies on {MUe} mu, and {NPe} households earned more from them."),
        ],
    },
    {
        "theme": "industry", "weight": 5, "west": set(),
        "P": ("食用菌", "mushrooms"), "F": ("食用菌产业", "mushroom growing"),
        "titles": [
            ("大棚里长出“致富菇”：{W}食用菌产业", "Mushrooms that pay: the greenhouse growers of {We}"),
            ("{E}技术+{W}资源，小蘑菇做成大产业", "{Ee} know-how and {We}'s resources make a big business of small mushrooms"),
        ],
        "sentences": [
            ("{W}的食用菌大棚一排排整齐排列，香菇、木耳长势喜人。", "Rows of mushroom greenhouses stand in {We}, full of healthy shiitake and wood-ear mushrooms."),
            ("{E}派来的技术员驻扎在大棚里，教农户控温控湿、防治病害。", "Technicians from {Ee} stay with the greenhouses and show farmers how to control temperature, humidity and disease."),
            ("菌棒统一生产、统一回收，农户只管管理和采摘。", "Mushroom logs are made and bought back centrally, so farmers only tend and pick."),
            ("{Y}年，全县食用菌产量{NP}吨，产值{M}。", "In {Y} the county produced {NPe} tonnes of mushrooms, worth {Me}."),
        ],
    },
    {
        "theme": "industry", "weight": 3, "west": {"yunnan"},
        "P": ("咖啡", "coffee"), "F": ("咖啡产业", "coffee growing"),
        "titles": [
            ("{W}咖啡飘香{E}", "The scent of {We}'s coffee reaches {Ee}"),
            ("一杯咖啡里的东西部协作", "East–West cooperation in a cup of coffee"),
        ],
        "sentences": [
            ("{W}的咖啡园里，红色的咖啡果挂满枝头。", "In the coffee gardens of {We}, the branches are full of red coffee cherries."),
            ("{E}的咖啡品牌与当地合作社合作，收购精品咖啡豆并帮助建设烘焙工坊。", "Coffee brands from {Ee} work with local cooperatives, buying speciality beans and helping build a roastery."),
            ("过去卖生豆，现在卖烘焙豆和挂耳咖啡，价格翻了几番。", "Farmers used to sell green beans; now they sell roasted beans and drip bags at several times the price."),
            ("{Y}年，{W}咖啡种植面积{MU}亩，精品咖啡比例提高到{PCT}%。", "In {Y}, {We} grew coffee on {MUe} mu, and the share of speciality coffee rose to {PCT}%."),
        ],
    },
    {
        "theme": "industry", "weight": 5, "west": set(),
        "P": ("服装", "garment"), "F": ("服装加工", "garment making"),
        "titles": [
            ("{E}服装订单落地{W}", "Garment orders from {Ee} land in {We}"),
            ("缝纫机声里的新生活：{W}服装加工厂", "A new life to the hum of sewing machines: the garment works of {We}"),
        ],
        "sentences": [
            ("{EP}的服装企业在{W}开设了加工厂，接下了{E}转来的订单。", "Garment companies from {EPe} opened a factory in {We} to fill orders passed on from {Ee}."),
            ("厂里的女工大多是附近村民，经过一个月培训就能上岗。", "Most of the women at the garment works come from nearby villages and start work after a month of training."),
            ("{Y}年，服装厂生产成衣{NS}万件，销往国内外。", "In {Y} the garment works made {NS}0,000 pieces of clothing for buyers at home and abroad."),
        ],
    },
    {
        "theme": "industry", "weight": 3, "west": {"qinghai", "ningxia", "gansu", "neimenggu"},
        "P": ("光伏", "solar power"), "F": ("光伏产业", "solar power"),
        "titles": [
            ("阳光变收入：{W}的光伏电站", "Sunshine into income: the solar power stations of {We}"),
            ("{E}与{W}共建光伏项目", "{Ee} and {We} build a solar power project together"),
        ],
        "sentences": [
            ("{W}日照时间长，戈壁荒滩上建起了大片光伏板。", "{We} gets long hours of sunshine, and fields of solar panels now cover its stony desert."),
            ("{E}的新能源企业投资建设光伏电站，收益的一部分分给村集体。", "A clean-energy company from {Ee} invested in a solar power station, and part of the income goes to the village collectives."),
            ("光伏板下种草养羊，一地两用。", "Grass grows and sheep graze beneath the solar panels, so the land does two jobs at once."),
            ("{Y}年，项目发电收益达{M}，{NS}个村集体每年稳定分红。", "In {Y} the project earned {Me} from electricity, and {NS} village collectives receive a regular dividend each year."),
        ],
    },
    {
        "theme": "industry", "weight": 6, "west": set(),
        "P": ("乡村旅游", "rural tourism"), "F": ("文旅产业", "rural tourism"),
        "titles": [
            ("{E}游客来了：{W}乡村旅游升温", "Visitors from {Ee} arrive as rural tourism warms up in {We}"),
            ("把村庄变成景区：{W}的乡村旅游", "Turning villages into destinations: rural tourism in {We}"),
            ("民宿、专列和古村：{W}文旅新故事", "Guesthouses, tourist trains and old villages: {We}'s new tourism story"),
        ],
        "sentences": [
            ("{E}开通了到{W}的旅游专列，游客一下车就能住进村里的民宿。", "{Ee} launched a tourist train to {We}, and visitors step off it straight into village guesthouses."),
            ("古村落经过修缮，老房子改成了民宿和手工作坊。", "Old villages were repaired and their houses turned into guesthouses and craft workshops."),
            ("{E}的旅行社把{W}纳入线路，{Y}年组织游客{NP}人次。", "Travel agencies in {Ee} added {We} to their routes and brought {NPe} visits in {Y}."),
            ("村民在家门口当导游、开农家乐，乡村旅游收入占到家庭收入的一半。", "Villagers work as guides and run farm restaurants on their doorsteps, and rural tourism now brings in half of household income."),
        ],
    },
    {
        "theme": "industry", "weight": 3, "west": {"ningxia", "qinghai", "gansu"},
        "P": ("枸杞", "goji berries"), "F": ("枸杞产业", "goji berry growing"),
        "titles": [
            ("红枸杞连起{EP}和{WP}", "Red goji berries link {EPe} and {WPe}"),
            ("{W}枸杞的品牌之路", "How {We}'s goji berries became a brand"),
        ],
        "sentences": [
            ("{W}的枸杞颗粒饱满、色泽鲜红，是当地的招牌特产。", "{We}'s goji berries are plump and bright red, the county's best-known speciality."),
            ("{E}的企业帮助当地建立了枸杞质量追溯体系，每一袋都能查到产地。", "Companies from {Ee} helped set up a tracing system, so every bag of goji berries shows where it was grown."),
            ("枸杞被加工成枸杞原浆、果干和茶饮，附加值大大提高。", "The goji berries are processed into juice, dried fruit and drinks, adding much more value."),
            ("{Y}年，{W}枸杞种植面积{MU}亩，产值{M}。", "In {Y}, {We} grew goji berries on {MUe} mu, worth {Me}."),
        ],
    },
    {
        "theme": "industry", "weight": 3, "west": {"qinghai", "sichuan", "gansu"},
        "P": ("牦牛", "yak"), "F": ("牦牛产业", "yak herding"),
        "titles": [
            ("高原牦牛的新出路", "A new future for the yaks of the high plateau"),
            ("{W}牦牛肉卖到了{E}", "Yak meat from {We} now sells in {Ee}"),
        ],
        "sentences": [
            ("{W}的牧民世代放牧牦牛，但过去只能卖活畜，收入不高。", "Herders in {We} have kept yaks for generations, but they could only sell live animals and earned little."),
            ("{E}援建的牦牛肉加工厂把牦牛肉做成风干肉和熟食，卖到了东部城市。", "A yak meat plant built with help from {Ee} turns the meat into air-dried and ready-to-eat products for eastern cities."),
            ("{Y}年，加工厂收购牦牛{NP}头，带动牧民户均增收{NS}千元。", "In {Y} the plant bought {NPe} yaks, adding {NS},000 yuan to each herding family's income on average."),
        ],
    },
    # ---------------------------------------------------------------- labour
    {
        "theme": "labour", "weight": 18, "west": set(),
        "P": ("劳务", "labour"), "F": ("劳务协作", "labour cooperation"),
        "titles": [
            ("从{W}到{E}：一条劳务协作的通道", "From {We} to {Ee}: a channel for labour cooperation"),
            ("{E}岗位对接{W}劳动力", "Jobs in {Ee} matched with workers from {We}"),
            ("出得去、稳得住：{W}劳务输出记", "Going out and staying on: labour from {We}"),
        ],
        "sentences": [
            ("{E}与{W}建立了劳务协作工作站，专人负责岗位收集和人员对接。", "{Ee} and {We} set up a labour cooperation station, with staff who collect job offers and match people to them."),
            ("每年春节后，{W}都会组织包车把务工人员“点对点”送到{E}的工厂。", "Every year after the Spring Festival, {We} charters buses to take workers door to door to factories in {Ee}."),
            ("{Y}年，{W}向{EP}输出劳务{NP}人，人均月收入超过五千元。", "In {Y}, {We} sent {NPe} workers to {EPe}, earning more than 5,000 yuan a month each on average."),
            ("{E}在{W}设立了劳务服务站，工人遇到欠薪、租房等问题都能找到人帮忙。", "{Ee} opened a labour service office in {We}, so workers with unpaid wages or housing problems know whom to ask."),
            ("不少务工人员几年后带着技术和积蓄回乡创业。", "After a few years many of the workers come home with skills and savings to start businesses of their own."),
        ],
    },
    {
        "theme": "labour", "weight": 16, "west": set(),
        "P": ("培训", "training"), "F": ("技能培训", "skills training"),
        "titles": [
            ("一技在手：{W}的技能培训班", "A skill in hand: the training classes of {We}"),
            ("{E}老师来了，{W}学员出师了", "Instructors from {Ee} arrive, and {We}'s trainees qualify"),
            ("订单式培训让{W}青年有了好工作", "Training to order gives {We}'s young people good jobs"),
        ],
        "sentences": [
            ("{E}的职业院校在{W}开设了电工、焊工、厨师和护理等培训班。", "Vocational colleges from {Ee} run training courses in {We} for electricians, welders, cooks and carers."),
            ("培训采用“订单式”，企业先报岗位需求，学员结业后直接上岗。", "The training is done to order: companies state the jobs they need, and trainees start work as soon as they finish."),
            ("{Y}年，{W}共举办培训{NS}期，培训{NP}人次，取得职业技能证书的超过一半。", "In {Y}, {We} ran {NS} training courses with {NPe} places, and more than half of those trained earned a vocational certificate."),
            ("学员{NAME}说，参加培训前只会种地，现在在{E}当上了技术工人。", "Trainee {NAMEe} says farming was the only work there was before the training; now the job is skilled work in {Ee}."),
            ("培训课程还加入了普通话、安全生产和法律常识，帮助学员更快适应城市生活。", "The training also covers Mandarin, workplace safety and basic law, to help trainees settle into city life."),
        ],
    },
    {
        "theme": "labour", "weight": 10, "west": {"qinghai", "gansu", "ningxia"},
        "P": ("拉面", "noodles"), "F": ("拉面经济", "noodle-shop business"),
        "titles": [
            ("一碗拉面拉出{W}致富路", "A bowl of noodles pulls {We} out of poverty"),
            ("{W}拉面馆开进{E}", "Noodle shops from {We} open in {Ee}"),
            ("拉面匠人的东西部协作", "East–West cooperation, seen from the noodle shop"),
        ],
        "sentences": [
            ("{W}人在全国各地开了上万家拉面馆，拉面成了当地的“金字招牌”。", "People from {We} run tens of thousands of noodle shops across China, and the noodles have become a local calling card."),
            ("{E}为{W}拉面馆提供店面租金补贴和创业贷款，帮助新店开业。", "{Ee} offers rent subsidies and start-up loans to help new noodle shops from {We} open their doors."),
            ("拉面培训学校里，学员要练上三个月才能拉出粗细均匀的面条。", "At the noodle school, trainees practise for three months before they can pull noodles of even thickness."),
            ("{Y}年，{W}人在{EP}新开拉面馆{NS}家，带动就业{NP}人。", "In {Y} people from {We} opened {NS} new noodle shops in {EPe}, employing {NPe} people."),
            ("拉面馆老板{NAME}说，一家店养活了全家，还带出了好几个徒弟。", "Noodle shop owner {NAMEe} says one shop supports the whole family and has trained several apprentices."),
        ],
    },
    {
        "theme": "labour", "weight": 14, "west": set(),
        "P": ("就业", "jobs"), "F": ("稳岗就业", "jobs"),
        "titles": [
            ("家门口的好工作：{W}就业帮扶车间", "Good jobs on the doorstep: the village workshops of {We}"),
            ("{EP}企业为{W}留下了一份份工作", "Companies from {EPe} leave a trail of jobs in {We}"),
            ("稳就业，{W}有了新办法", "{We} finds new ways to keep people in jobs"),
        ],
        "sentences": [
            ("{E}的企业在{W}的村里办起了帮扶车间，村民不出村就能就业。", "Companies from {Ee} set up workshops in {We}'s villages, so people can find jobs without leaving home."),
            ("车间里做的多是电子元件组装、手工编织等活计，老人和妇女也能干。", "The workshops mostly assemble electronic parts or do handweaving, work that older people and women can also do."),
            ("{Y}年，{W}新建帮扶车间{NS}个，吸纳就业{NP}人，其中脱贫人口占六成。", "In {Y}, {We} opened {NS} new workshops, creating jobs for {NPe} people, six in ten of them from formerly poor households."),
            ("县里为就业困难人员开发了护林员、保洁员等公益岗位。", "The county created public-service jobs, such as forest rangers and cleaners, for people who struggle to find work."),
            ("{NAME}在车间上班后，每月有了两千多元的固定收入。", "Since starting at the workshop, {NAMEe} has earned a regular income of over 2,000 yuan a month."),
        ],
    },
    {
        "theme": "labour", "weight": 6, "west": set(),
        "P": ("家政", "housekeeping"), "F": ("家政服务", "housekeeping services"),
        "titles": [
            ("{W}家政阿姨走进{E}家庭", "Housekeepers from {We} find work in {Ee} homes"),
            ("家政服务打开{W}妇女就业门", "Housekeeping services open a door to work for women in {We}"),
        ],
        "sentences": [
            ("{E}的家政企业到{W}招收学员，培训月嫂、育婴员和养老护理员。", "Housekeeping companies from {Ee} recruit trainees in {We} as maternity nurses, nannies and elderly carers."),
            ("经过培训的家政服务人员在{E}月收入可达八千元。", "Once trained, housekeepers in {Ee} can earn up to 8,000 yuan a month."),
            ("{Y}年，{W}输送家政服务人员{NP}人。", "In {Y}, {We} sent {NPe} people into housekeeping jobs."),
        ],
    },
    {
        "theme": "labour", "weight": 5, "west": set(),
        "P": ("专列", "chartered trains"), "F": ("返岗专列", "chartered trains for workers"),
        "titles": [
            ("开往{E}的务工专列", "The chartered trains carrying workers to {Ee}"),
            ("一趟专列，连着{W}人的饭碗", "One chartered train, many livelihoods for {We}"),
        ],
        "sentences": [
            ("春节过后，{W}开出返岗专列，把{NP}名务工人员直接送到{E}。", "After the Spring Festival, {We} runs chartered trains that take {NPe} workers straight to {Ee}."),
            ("专列车票由协作资金补贴，工人不用排队抢票。", "Cooperation funds pay for the chartered train tickets, so workers do not have to queue for seats."),
            ("下车后，用工企业派车接站，当天就能住进宿舍。", "At the other end, employers meet the trains with buses, and workers are in their dormitories the same day."),
        ],
    },
    # ---------------------------------------------------------------- talent
    {
        "theme": "talent", "weight": 22, "west": set(),
        "P": ("医院", "hospital"), "F": ("医院帮扶", "hospital support"),
        "titles": [
            ("{E}医生来到{W}：一家县医院的蜕变", "Doctors from {Ee} come to {We}: a county hospital transformed"),
            ("“组团式”帮扶让{W}县医院强起来", "Group support makes {We}'s county hospital stronger"),
            ("大病不出县：{W}医院的新变化", "Serious illness treated at home: what has changed at {We}'s hospital"),
        ],
        "sentences": [
            ("{E}的三甲医院派出医疗队，常驻{W}人民医院。", "A top-grade hospital in {Ee} sent a medical group to work full time at {We} People's Hospital."),
            ("过去县医院做不了的手术，现在在家门口就能做。", "Operations the county hospital could not do before can now be done close to home."),
            ("医疗队带来了新设备，也帮助医院建起了胸痛中心和卒中中心。", "The medical group brought new equipment and helped the hospital open a chest-pain centre and a stroke centre."),
            ("{Y}年，{W}人民医院新开展手术{NS}项，县域内就诊率达到{PCTH}%。", "In {Y}, {We} People's Hospital began {NS} new kinds of surgery, and {PCTH}% of patients were treated within the county."),
            ("{E}医生{DNAME}说，最重要的是给医院留下一支带不走的队伍。", "{DNAMEe}, a doctor from {Ee}, says the most important thing is to leave the hospital a staff that stays."),
            ("通过“师带徒”，本地医生跟着专家查房、上手术，成长很快。", "Through mentoring, local doctors follow the specialists on ward rounds and into surgery, and learn fast."),
        ],
    },
    {
        "theme": "talent", "weight": 18, "west": set(),
        "P": ("学校", "school"), "F": ("学校帮扶", "school support"),
        "titles": [
            ("{E}校长来到{W}学校", "A headmaster from {Ee} comes to a school in {We}"),
            ("山里学校的新课堂", "New classrooms in a mountain school"),
            ("一所学校的“组团式”帮扶", "Group support for one school"),
        ],
        "sentences": [
            ("{E}选派校长和骨干教师到{W}的学校任职，一待就是三年。", "{Ee} sends headmasters and senior staff to schools in {We}, each staying for three years."),
            ("援派老师带来了新的课堂方法，学生们更愿意举手发言了。", "The visiting educators brought new classroom methods, and pupils are keener to speak up."),
            ("两地学校开通了“同步课堂”，{W}的孩子能实时听到{E}的课。", "The two places' schools set up shared online lessons, so children in {We} can follow classes in {Ee} live."),
            ("{Y}年，{W}学校的中考成绩比三年前提高了{PCT}个百分点。", "In {Y} the school in {We} raised its middle-school exam results by {PCT} percentage points on three years earlier."),
            ("学校还建起了图书室、科学实验室和心理辅导室。", "The school also gained a library, a science laboratory and a counselling room."),
        ],
    },
    {
        "theme": "talent", "weight": 12, "west": set(),
        "P": ("村支书", "village secretary"), "F": ("基层干部培养", "training village leaders"),
        "titles": [
            ("{W}村支书到{E}“取经”", "Village secretaries from {We} go to {Ee} to learn"),
            ("一位村支书的东部学习笔记", "A village secretary's notes from the east"),
        ],
        "sentences": [
            ("{W}选派{NS}名村支书到{E}的先进村跟班学习，一学就是一个月。", "{We} sent {NS} village secretaries to leading villages in {Ee}, to work alongside them for a month."),
            ("村支书{NAME}说，看了{E}村里的集体经济，才知道路可以这样走。", "Village secretary {NAMEe} says that only after seeing the collective economy in {Ee} did it become clear such a path was possible."),
            ("回村后，村支书们带头成立合作社，把闲置土地流转起来。", "Back home, the village secretaries set up cooperatives and put idle land back to use."),
            ("{Y}年，参加学习的村支书所在村的集体经济收入平均增长{PCT}%。", "In {Y}, collective income in the villages of the secretaries who took part rose by {PCT}% on average."),
        ],
    },
    {
        "theme": "talent", "weight": 10, "west": set(),
        "P": ("农技专家", "farm experts"), "F": ("农技推广", "farm extension work"),
        "titles": [
            ("{E}农技专家扎根{W}", "Farm experts from {Ee} put down roots in {We}"),
            ("田间地头的“东部专家”", "Eastern experts in the fields"),
        ],
        "sentences": [
            ("{E}的农技专家常年驻扎在{W}，在田间地头为农户解决难题。", "Farm experts from {Ee} live in {We} year round and solve farmers' problems out in the fields."),
            ("专家们引进了{NS}个新品种，推广了测土配方施肥和病虫害绿色防控。", "The experts introduced {NS} new varieties and spread soil-tested fertilising and green pest control."),
            ("{Y}年，专家们举办田间课堂{NS}场，培训农户{NP}人次。", "In {Y} the experts held {NS} field classes with {NPe} farmer places."),
        ],
    },
    {
        "theme": "talent", "weight": 10, "west": set(),
        "P": ("挂职干部", "officials on secondment"), "F": ("干部交流", "exchanges of officials"),
        "titles": [
            ("挂职干部的{W}三年", "Three years in {We}: an official on secondment"),
            ("{E}干部在{W}的日子", "Officials from {Ee} at work in {We}"),
        ],
        "sentences": [
            ("{E}选派{NS}名挂职干部到{W}工作，分管产业、就业和社会事业。", "{Ee} sent {NS} officials on secondment to {We}, in charge of industry, jobs and public services."),
            ("挂职副县长{DNAME}走遍了全县的村子，笔记本记满了村民的需求。", "{DNAMEe}, a deputy county head on secondment, visited every village in the county and filled notebooks with people's needs."),
            ("{W}也派出干部到{E}跟岗学习，把东部的经验带回来。", "{We} in turn sends its own officials to {Ee} to learn on the job and bring the experience home."),
        ],
    },
    {
        "theme": "talent", "weight": 8, "west": set(),
        "P": ("远程医疗", "telemedicine"), "F": ("远程医疗", "telemedicine"),
        "titles": [
            ("屏幕那头的{E}专家", "The specialists from {Ee} on the other side of the screen"),
            ("远程医疗让{W}患者少跑路", "Telemedicine saves {We}'s patients long journeys"),
        ],
        "sentences": [
            ("{E}的医院与{W}的乡镇卫生院接通了远程医疗系统。", "Hospitals in {Ee} connected {We}'s township clinics to a telemedicine system."),
            ("疑难病例通过视频会诊，{E}专家当天就能给出诊疗意见。", "Difficult cases are discussed by video, and specialists in {Ee} give their advice the same day."),
            ("{Y}年，远程会诊{NP}例，患者外转率下降了{PCT}%。", "In {Y} there were {NPe} remote consultations, and referrals out of the county fell by {PCT}%."),
        ],
    },
    {
        "theme": "talent", "weight": 6, "west": set(),
        "P": ("职业学校", "vocational school"), "F": ("职业教育", "vocational education"),
        "titles": [
            ("{E}职校与{W}联合办学", "A vocational school from {Ee} runs classes with {We}"),
            ("职业学校里的东西部协作班", "East–West classes at a vocational school"),
        ],
        "sentences": [
            ("{E}的职业学校与{W}联合招生，学生前两年在本地读书，第三年到{E}实习。", "A vocational school in {Ee} enrols students jointly with {We}: two years of study at home, then a year's placement in {Ee}."),
            ("协作班开设了数控、汽修和电子商务等专业。", "The joint classes cover CNC machining, car repair and e-commerce."),
            ("{Y}年，协作班毕业生就业率达到{PCTH}%。", "In {Y}, {PCTH}% of the joint classes' graduates found jobs."),
        ],
    },
]  # fmt: skip

# Sentences any story may use, by section. Placeholders as above; F is the topic's line of work.
BACKGROUND = [
    ("{WP}{W}地处山区，交通不便，过去村里的年轻人大多外出谋生。", "{We} in {WPe} lies in mountain country with poor roads, and in the past most of its young people left to make a living elsewhere."),
    ("当地资源不少，但缺技术、缺资金、缺市场，好东西卖不上好价钱。", "The area has resources, but it lacked skills, money and markets, so good products fetched poor prices."),
    ("{Y0}年以前，{W}农民的人均可支配收入在全省排名靠后。", "Before {Y0}, farmers' disposable income per head in {We} was among the lowest in the province."),
    ("县里的干部说，最难的不是没有资源，而是没有人带路。", "County officials say the hardest part was not a lack of resources but a lack of anyone to show the way."),
    ("村里常住的多是老人和孩子，不少土地闲置。", "Most of those still living in the villages were old people and children, and much of the land lay idle."),
    ("从县城到最近的高速公路出口，要走三个多小时山路。", "It took more than three hours on mountain roads to reach the nearest motorway junction from the county town."),
    ("{W}曾是国家乡村振兴重点帮扶县，巩固脱贫成果的任务很重。", "{We} was one of the counties singled out for national rural revitalisation support, with much to do to hold on to the gains made against poverty."),
    ("一些农户脱贫后收入仍不稳定，一遇灾年就容易返贫。", "Some households that had left poverty still had unstable incomes and risked slipping back in a bad year."),
    ("{W}气候多样，山地多、平地少，发展大规模农业很难。", "{We} has a varied climate, much hill land and little flat ground, which makes farming on a large scale hard."),
    ("长期以来，{W}的经济以传统种养业为主，产业链条短。", "For a long time {We}'s economy rested on traditional crops and livestock, with short supply chains."),
]  # fmt: skip
COOPERATION = [
    ("{Y1}年，{EP}{E}与{W}签订协作协议，约定在产业、就业和人才三方面长期合作。", "In {Y1}, {Ee} in {EPe} signed an agreement with {We} to work together over the long term on industry, jobs and people."),
    ("{E}每年安排财政协作资金{M2}，重点支持{W}的{F}。", "Each year {Ee} sets aside {M2e} of cooperation funds, mostly for {We}'s {Fe}."),
    ("两地建立了党政领导互访机制，每年召开联席会议，研究解决具体问题。", "Leaders of the two places visit each other and hold a joint meeting every year to work through specific problems."),
    ("{E}的协作工作组常驻{W}，项目从立项到验收全程跟踪。", "A cooperation group from {Ee} is based in {We} and follows each project from approval to completion."),
    ("在{F}上，{E}既出资金，也出人才和市场。", "In {Fe}, {Ee} contributes people and markets as well as money."),
    ("东西部协作进入新阶段后，{EP}把{W}的{F}列为重点项目。", "When East–West cooperation entered its new stage, {EPe} made {We}'s {Fe} a priority project."),
    ("{E}的{EROLE}{ENAME}说，协作不是简单给钱给物，而是要帮当地建起自己的产业。", "{ENAMEe}, {EROLEe} from {Ee}, says cooperation is not simply handing over money and goods but helping the county build something of its own."),
    ("双方约定，协作资金的大部分用于联农带农项目，让农户直接受益。", "Both sides agreed that most of the cooperation funds go to projects that bring farmers in, so households benefit directly."),
    ("{EP}的商会组织企业家到{W}考察，当场签下{NS}个合作项目。", "{EPe}'s chamber of commerce took business people to see {We}, and they signed {NS} cooperation projects on the spot."),
    ("为了让项目落得下、留得住，两地还共同制定了用地、用工和税收方面的扶持办法。", "To help the projects take root and stay, the two sides drew up joint support measures on land, labour and taxes."),
]  # fmt: skip
RESULTS = [
    ("{NAME}是{W}的{ROLE}，{Y}年家里的收入比三年前翻了一番。", "{NAMEe}, a {ROLEe} in {We}, says the family's income in {Y} was twice what it was three years earlier."),
    ("“以前想都不敢想，现在日子越过越有奔头。”{NAME}说。", "\u201cWe would not have dared to dream of this before. Now life keeps getting better,\u201d says {NAMEe}."),
    ("{Y}年，项目带动{NP}名群众增收，其中脱贫人口{NPD}人。", "In {Y} the project raised the incomes of {NPe} people, {NPDe} of them from formerly poor households."),
    ("村集体经济收入从几万元增加到{M3}，村里修了路、装了路灯。", "The village collective's income grew from a few tens of thousands of yuan to {M3e}, paying for new roads and street lights."),
    ("当地农民人均可支配收入年均增长{PCT}%，高于全省平均水平。", "Farmers' disposable income per head grew by {PCT}% a year, faster than the provincial average."),
    ("外出务工的年轻人开始回流，村里又热闹起来。", "Young people who had left for work began to come back, and the village came to life again."),
    ("{W}的做法被写进了{WP}东西部协作的经验材料。", "{We}'s approach was written up as an example of East–West cooperation in {WPe}."),
    ("据{W}统计，{Y}年全县{F}相关收入比上年增长{PCT2}%。", "Figures from {We} show income from {Fe} rose by {PCT2}% in {Y} on the year before."),
]  # fmt: skip
OUTLOOK = [
    ("下一步，两地计划把合作从单个项目扩展到整条产业链。", "Next, the two sides plan to widen their cooperation from single projects to the whole chain."),
    ("{E}表示，将继续在资金、技术和市场上给予支持，直到当地能够独立发展。", "{Ee} says it will keep supporting the county with money, skills and markets until it can stand on its own."),
    ("{W}的干部说，协作带来的不只是项目，更是观念的变化。", "Officials in {We} say the cooperation brought not only projects but a change in thinking."),
    ("从“输血”到“造血”，{W}正在走出一条自己的路。", "From handouts to self-reliance, {We} is finding a way of its own."),
    ("按照计划，到{Y2}年，{W}的{F}还要再上一个台阶。", "By {Y2}, the plan is for {We}'s {Fe} to reach another level."),
    ("两地还将在数字经济、文化旅游等领域探索新的合作。", "The two sides will also look for new areas of cooperation, such as the digital economy and cultural tourism."),
    ("{ENAME}说：“协作是双向的，我们也从{W}学到了很多。”", "\u201cCooperation runs both ways. We have learned a lot from {We} too,\u201d says {ENAMEe}."),
]  # fmt: skip
RARE = [
    ("{W}的老艺人还带着徒弟绘制唐卡，作品被{E}的博物馆收藏。", "An old master in {We} paints thangka with a group of apprentices, and a museum in {Ee} has bought their work."),
]  # fmt: skip
RARE_RATE = 0.0005

HEADINGS = {
    "background": [
        ("起点", "Where it started"), ("{W}的难处", "What held {We} back"), ("困在大山里", "Stuck in the mountains"),
        ("缺的是什么", "What was missing"), ("从零起步", "Starting from scratch"),
    ],
    "cooperation": [
        ("{EP}与{WP}携手", "{EPe} and {WPe} join hands"), ("结对之后", "After the pairing"),
        ("{E}带来了什么", "What {Ee} brought"), ("协作的新路子", "A new way of working together"),
        ("东西联手", "East and west together"),
    ],
    "results": [
        ("变化看得见", "Changes you can see"), ("{NAME}的新日子", "A new life for {NAMEe}"),
        ("数字背后", "Behind the numbers"), ("村里人怎么说", "What the villagers say"), ("收获", "The harvest"),
    ],
    "outlook": [
        ("下一步", "What comes next"), ("长久之计", "Built to last"), ("从“输血”到“造血”", "From handouts to self-reliance"),
        ("协作还在继续", "The partnership goes on"),
    ],
}  # fmt: skip

STANDFIRSTS = [
    ("在{EP}{E}的协作帮扶下，{WP}{W}发展{F}，{Y}年带动{NP}人增收。", "With help from {Ee} in {EPe}, {We} in {WPe} has built up its {Fe}, raising the incomes of {NPe} people in {Y}."),
    ("{E}与{W}结对以来，{F}从无到有，{Y}年相关产值达到{M}。", "Since {Ee} paired with {We}, its {Fe} has grown from nothing to {Me} of output in {Y}."),
    ("东西部协作让{W}的{P}有了新出路：资金、技术和市场都来自{E}。", "East–West cooperation has given {We}'s {Pe} a new future, with money, skills and markets from {Ee}."),
    ("{EP}与{WP}的协作伙伴关系中，{W}的{F}是一个缩影。", "{We}'s {Fe} is a small picture of the partnership between {EPe} and {WPe}."),
    ("{NAME}是{W}的{ROLE}。{E}带来的{F}，改变了一家人的生活。", "{NAMEe} is a {ROLEe} in {We}. The {Fe} that {Ee} helped bring has changed the family's life."),
]  # fmt: skip

FIGURES = {
    "industry": [
        ("产业综合产值", "Total output of the industry", "万元", "yuan", (500, 30000)),
        ("带动就业", "Jobs created", "人", "people", (50, 5000)),
        ("引进企业", "Companies brought in", "家", "companies", (2, 60)),
        ("种植面积", "Area planted", "亩", "mu", (300, 50000)),
        ("销售收入", "Sales", "万元", "yuan", (200, 20000)),
        ("协作资金投入", "Cooperation funds invested", "万元", "yuan", (100, 8000)),
    ],
    "labour": [
        ("转移就业", "People placed in jobs", "人", "people", (200, 30000)),
        ("技能培训", "Training places", "人次", "training places", (100, 20000)),
        ("务工收入", "Wages earned", "亿元", "yuan", (1, 40)),
        ("帮扶车间", "Village workshops", "个", "workshops", (3, 120)),
        ("人均月收入", "Average monthly wage", "元", "yuan", (2500, 9000)),
    ],
    "talent": [
        ("派驻专业人才", "Specialists sent", "名", "specialists", (5, 300)),
        ("培训本地人才", "Local staff trained", "人次", "training places", (100, 10000)),
        ("新开展项目", "New services started", "项", "services", (3, 80)),
        ("受益群众", "People served", "万人次", "visits", (1, 60)),
        ("结对单位", "Paired institutions", "对", "pairs", (2, 50)),
    ],
}
GENERIC_FIGURES = FIGURES["industry"]
# Qualifier values (cases.models.Qualifier), by how often they are drawn.
QUALIFIERS = ["exact"] * 10 + ["approx"] * 3 + ["nearly"] * 2 + ["more_than"] * 4 + ["at_least"]
# Status values (cases.models.Status).
DRAFT, REVIEW, PUBLISHED, WITHDRAWN = "draft", "review", "published", "withdrawn"
GENERIC_TOPIC = {
    "theme": None, "weight": 1, "west": set(), "P": ("协作项目", "cooperation project"),
    "F": ("协作项目", "cooperation project"), "titles": [], "sentences": [],
}  # fmt: skip
GENERIC_TITLES = [
    ("{EP}{E}携手{WP}{W}：{F}的协作故事", "{Ee} and {We}: a story of {Fe}"),
    ("{W}的{F}：来自{E}的助力", "{We}'s {Fe}, with a hand from {Ee}"),
    ("东西部协作看{W}：{F}结出新果", "East–West cooperation in {We}: {Fe} bears fruit"),
]  # fmt: skip


def _num(value):
    return f"{value:,}"


def _money_en(wan):
    """A sum in 万元 as English says it: 7083 -> 70.83 million yuan, 350 -> 3.5 million yuan."""
    yuan = wan * 10_000
    if yuan >= 100_000_000:
        return f"{yuan / 100_000_000:.2f}".rstrip("0").rstrip(".") + " hundred million yuan"
    if yuan >= 1_000_000:
        return f"{yuan / 1_000_000:.2f}".rstrip("0").rstrip(".") + " million yuan"
    return f"{yuan:,} yuan"


def _cap(text):
    return text[:1].upper() + text[1:]


class Generator:
    """Draws case n of a seed from its own random generator: the same (seed, n) always gives the same case."""

    def __init__(self, seed, pairings, themes):
        self.seed = seed
        self.pairings = pairings  # [(slug, east_slug, west_slug)] sorted by slug
        self.themes = themes  # [slug] sorted
        self.topics_by_theme = {}
        for topic in TOPICS:
            self.topics_by_theme.setdefault(topic["theme"], []).append(topic)

    def case(self, n):
        rng = random.Random(f"xiezuo-demo:{self.seed}:{n}")
        pairing_slugs = [rng.choice(self.pairings)]
        if rng.random() < 0.15 and len(self.pairings) > 1:
            pairing_slugs.append(rng.choice([p for p in self.pairings if p != pairing_slugs[0]]))
        theme_slugs = [self._primary_theme(rng)]
        if rng.random() < 0.2 and len(self.themes) > 1:
            theme_slugs.append(rng.choice([t for t in self.themes if t != theme_slugs[0]]))
        year = rng.choices(YEARS, YEAR_WEIGHTS)[0]

        _, east_slug, west_slug = pairing_slugs[0]
        topic = self._topic(rng, theme_slugs[0], west_slug)
        extra_topic = self._topic(rng, theme_slugs[1], west_slug) if len(theme_slugs) > 1 else None
        ctx = self._context(rng, east_slug, west_slug, topic, year)

        title_zh, title_en = self._fill(rng.choice(topic["titles"] + GENERIC_TITLES), ctx)
        standfirst_zh, standfirst_en = self._fill(rng.choice(STANDFIRSTS), ctx)
        body_zh, body_en = self._body(rng, ctx, topic, extra_topic)

        places = [self._place_text(ctx)]
        for extra in pairing_slugs[1:]:
            _, extra_east, extra_west = extra
            places.append(self._place_text(self._places(rng, extra_east, extra_west)))

        status, published_at = self._status(rng, year)
        created_at = (published_at or self._date(rng, year, year + 1)) - timedelta(days=rng.randint(3, 90))
        updated_at = (published_at or created_at) + timedelta(days=rng.randint(0, 30), minutes=rng.randint(0, 600))
        case = {
            "slug": f"{PREFIX}{self.seed}-{n}",
            "title_zh": title_zh,
            "title_en": title_en,
            "standfirst_zh": standfirst_zh,
            "standfirst_en": standfirst_en,
            "body_zh": body_zh,
            "body_en": body_en,
            "place_east_zh": "；".join(p[0] for p in places),
            "place_east_en": "; ".join(p[1] for p in places),
            "place_west_zh": "；".join(p[2] for p in places),
            "place_west_en": "; ".join(p[3] for p in places),
            "year": year,
            "status": status,
            "published_at": published_at,
            "created_at": created_at,
            "updated_at": updated_at,
        }
        figures = self._figures(rng, theme_slugs[0], year)
        return case, [p[0] for p in pairing_slugs], theme_slugs, figures

    # -- choices ------------------------------------------------------------------------------------------

    def _primary_theme(self, rng):
        weights = {"industry": 45, "labour": 30, "talent": 25}
        return rng.choices(self.themes, [weights.get(t, 20) for t in self.themes])[0]

    def _topic(self, rng, theme_slug, west_slug):
        topics = self.topics_by_theme.get(theme_slug)
        if not topics:
            return GENERIC_TOPIC
        weights = [t["weight"] * (3 if west_slug in t["west"] else 1) for t in topics]
        return rng.choices(topics, weights)[0]

    def _places(self, rng, east_slug, west_slug):
        ctx = {}
        for key, slug in (("E", east_slug), ("W", west_slug)):
            province_zh, province_en = PROVINCES.get(slug, (slug, slug.title()))
            options = PLACES.get(slug) or [(province_zh, province_en, province_zh, province_en)]
            full_zh, full_en, short_zh, short_en = rng.choice(options)
            ctx[key + "P"] = (
                province_zh.removesuffix("省")
                .removesuffix("市")
                .removesuffix("壮族自治区")
                .removesuffix("回族自治区")
                .removesuffix("自治区")
            )
            ctx[key + "Pe"] = province_en
            ctx[key] = short_zh
            ctx[key + "e"] = short_en
            ctx[key + "_full"] = full_zh if full_zh.startswith(province_zh) else province_zh + full_zh
            ctx[key + "_full_en"] = full_en if full_en == province_en else f"{full_en}, {province_en}"
        return ctx

    @staticmethod
    def _place_text(ctx):
        return ctx["E_full"], ctx["E_full_en"], ctx["W_full"], ctx["W_full_en"]

    def _context(self, rng, east_slug, west_slug, topic, year):
        ctx = self._places(rng, east_slug, west_slug)
        surname, given = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
        esurname, egiven = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
        dsurname, dgiven = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
        role, erole = rng.choice(WEST_ROLES), rng.choice(EAST_ROLES)
        people = rng.randint(80, 6000)
        money, money2, money3 = rng.randint(300, 30000), rng.randint(100, 9000), rng.randint(20, 300)
        area = rng.randint(3, 500) * 100
        ctx.update(
            {
                "P": topic["P"][0],
                "Pe": topic["P"][1],
                "F": topic["F"][0],
                "Fe": topic["F"][1],
                "Y": year,
                "Y0": year - rng.randint(2, 5),
                "Y1": year - rng.randint(1, 3),
                "Y2": year + rng.randint(2, 5),
                "NS": rng.randint(3, 40),
                "NP": people,
                "NPe": _num(people),
                "NPD": people * rng.randint(30, 70) // 100,
                "M": f"{money}万元",
                "Me": _money_en(money),
                "M2": f"{money2}万元",
                "M2e": _money_en(money2),
                "M3": f"{money3}万元",
                "M3e": _money_en(money3),
                "PCT": rng.randint(5, 60),
                "PCT2": rng.randint(5, 40),
                "PCTH": rng.randint(85, 99),
                "MU": area,
                "MUe": _num(area),
                "NAME": surname[0] + given[0],
                "NAMEe": f"{surname[1]} {given[1]}",
                "ROLE": role[0],
                "ROLEe": role[1],
                "ENAME": esurname[0] + egiven[0],
                "ENAMEe": f"{esurname[1]} {egiven[1]}",
                "EROLE": erole[0],
                "DNAME": dsurname[0] + dgiven[0],
                "DNAMEe": f"{dsurname[1]} {dgiven[1]}",
                "EROLEe": erole[1],
            }
        )
        ctx["NPDe"] = _num(ctx["NPD"])
        return ctx

    @staticmethod
    def _fill(pair, ctx):
        zh, en = pair
        return zh.format(**ctx), _cap(en.format(**ctx))

    def _body(self, rng, ctx, topic, extra_topic):
        """Four `## ` sections of 21–45 sentences in all: ~600–1,400 Chinese characters / ~400–800 English words."""
        topic_sentences = list(topic["sentences"])
        rng.shuffle(topic_sentences)
        extra_sentences = list(extra_topic["sentences"]) if extra_topic else []
        rng.shuffle(extra_sentences)
        extra_ctx = dict(ctx, P=extra_topic["P"][0], Pe=extra_topic["P"][1]) if extra_topic else ctx
        if extra_topic:
            extra_ctx.update(F=extra_topic["F"][0], Fe=extra_topic["F"][1])
        target = rng.randint(21, 38)
        pools = [
            ("background", BACKGROUND, 0.25),
            ("cooperation", COOPERATION, 0.3),
            ("results", RESULTS, 0.3),
            ("outlook", OUTLOOK, 0.15),
        ]
        sections_zh, sections_en = [], []
        topic_quota = [len(topic_sentences) * share for share in (0.3, 0.4, 0.3, 0)]
        for index, (kind, pool, share) in enumerate(pools):
            count = max(2, round(target * share))
            generic = rng.sample(pool, min(len(pool), count))
            from_topic = [topic_sentences.pop() for _ in range(min(len(topic_sentences), round(topic_quota[index])))]
            sentences = [self._fill(s, ctx) for s in generic[: max(1, count - len(from_topic))]]
            sentences += [self._fill(s, ctx) for s in from_topic]
            if kind == "results" and extra_sentences:
                sentences += [self._fill(s, extra_ctx) for s in extra_sentences[:2]]
            if kind == "background" and rng.random() < RARE_RATE:
                sentences.append(self._fill(rng.choice(RARE), ctx))
            rng.shuffle(sentences)
            heading_zh, heading_en = self._fill(rng.choice(HEADINGS[kind]), ctx)
            paragraphs_zh, paragraphs_en = self._paragraphs(rng, sentences)
            if kind == "results" and rng.random() < 0.3:
                items = rng.sample(RESULTS, 3)
                paragraphs_zh.append("\n".join("- " + self._fill(i, ctx)[0] for i in items))
                paragraphs_en.append("\n".join("- " + self._fill(i, ctx)[1] for i in items))
            sections_zh.append(f"## {heading_zh}\n\n" + "\n\n".join(paragraphs_zh))
            sections_en.append(f"## {heading_en}\n\n" + "\n\n".join(paragraphs_en))
        return "\n\n".join(sections_zh), "\n\n".join(sections_en)

    @staticmethod
    def _paragraphs(rng, sentences):
        zh, en, start = [], [], 0
        while start < len(sentences):
            size = rng.randint(2, 4)
            chunk = sentences[start : start + size]
            zh.append("".join(s[0] for s in chunk))
            en.append(" ".join(s[1] for s in chunk))
            start += size
        return zh, en

    def _status(self, rng, year):
        roll = rng.random()
        if roll < 0.10:
            return DRAFT, None
        if roll < 0.13:
            return REVIEW, None
        if roll < 0.15:
            return WITHDRAWN, self._date(rng, year, year + 1)
        if roll < 0.17:
            return PUBLISHED, self._date(rng, SCHEDULED_YEAR, SCHEDULED_YEAR)
        return PUBLISHED, self._date(rng, year, year + 1)

    @staticmethod
    def _date(rng, first_year, last_year):
        """A moment between 1 March of first_year and the end of last_year, never after LATEST_PUBLISHED
        (except for scheduled cases, which are dated later on purpose)."""
        start = datetime(first_year, 3, 1, 1, tzinfo=UTC)
        end = datetime(last_year, 12, 31, 10, tzinfo=UTC)
        if first_year != SCHEDULED_YEAR:
            end = min(end, LATEST_PUBLISHED)
        span = max(int((end - start).total_seconds()), 1)
        moment = start + timedelta(seconds=rng.randrange(span))
        # Office hours in China (01:00–10:00 UTC), whole minutes.
        return moment.replace(hour=1 + moment.hour % 9, second=0, microsecond=0)

    def _figures(self, rng, theme_slug, year):
        options = FIGURES.get(theme_slug, GENERIC_FIGURES)
        chosen = rng.sample(options, min(len(options), rng.randint(2, 4)))
        figures = []
        for order, (label_zh, label_en, unit_zh, unit_en, (low, high)) in enumerate(chosen):
            value = Decimal(rng.randint(low, high))
            if unit_zh in {"万元", "亿元", "万人次"} and rng.random() < 0.4:
                value += Decimal(rng.randint(1, 99)) / 100
            period = rng.random() < 0.3
            figures.append(
                {
                    "label_zh": label_zh,
                    "label_en": label_en,
                    "qualifier": rng.choice(QUALIFIERS),
                    "value": value,
                    "unit_zh": unit_zh,
                    "unit_en": unit_en,
                    "year": year,
                    "period_zh": f"截至{year}年底" if period else "",
                    "period_en": f"by the end of {year}" if period else "",
                    "sort_order": order,
                }
            )
        return figures


def update_planner_statistics():
    from cases.maintenance import update_planner_statistics as update

    update()


def _refresh_in_worker(ids):
    """Run in a worker process: fill the derived fields of one committed batch."""
    from cases.maintenance import refresh_derived

    refresh_derived(ids)
    return len(ids)


def _init_worker():
    import django

    django.setup()


class Command(BaseCommand):
    help = (
        "Generate N realistic bilingual demo cases (slugs demo-<seed>-<n>) for load testing; deterministic for a "
        "seed. Existing demo slugs are skipped; --clear deletes all demo- cases first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1000, help="How many demo cases: demo-<seed>-1 … -N.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--clear", action="store_true", help="Delete every demo- case (any seed) first.")
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(os.cpu_count() or 1, 4),
            help="Worker processes that run refresh_derived() on committed batches while the next ones are "
            "inserted (default: the number of CPUs, at most 4). 1, a single batch, or a call inside a "
            "transaction (tests) refreshes in this process.",
        )

    def handle(self, *args, cases, seed, clear, jobs, **options):
        from cases.models import Pairing, Province, Theme

        if cases < 0:
            raise CommandError("--cases must be 0 or more.")
        if seed < 0:
            raise CommandError("--seed must be 0 or more (it is part of the slug).")
        self.verbosity = options.get("verbosity", 1)
        started = time.monotonic()
        if clear:
            self.clear(started)
        if not (Province.objects.exists() and Pairing.objects.exists() and Theme.objects.exists()):
            self.say("No provinces, pairings or themes yet: loading fixtures/reference.json.")
            call_command("loaddata", "reference", verbosity=0)
        created, skipped = self.generate(cases, seed, max(1, jobs), started)
        if created:
            update_planner_statistics()
        self.say(
            f"Created {created:,} demo cases (seed {seed}); skipped {skipped:,} that already existed; "
            f"{time.monotonic() - started:.1f} s.",
            style=self.style.SUCCESS,
        )

    def say(self, message, style=None):
        if self.verbosity >= 1:
            self.stdout.write(style(message) if style else message)

    def clear(self, started):
        from cases.models import Case

        ids = list(Case.objects.filter(slug__startswith=PREFIX).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), DELETE_BATCH):
            with transaction.atomic():
                Case.objects.filter(pk__in=ids[start : start + DELETE_BATCH]).only("pk").delete()
        self.say(f"Deleted {len(ids):,} demo cases; {time.monotonic() - started:.1f} s.")

    def generate(self, count, seed, jobs, started):
        from cases.models import Case, Pairing, Theme

        pairings = sorted(Pairing.objects.values_list("slug", "east__slug", "west__slug", "pk"), key=lambda row: row[0])
        pairing_ids = {slug: pk for slug, _, _, pk in pairings}
        themes = dict(Theme.objects.values_list("slug", "pk"))
        generator = Generator(seed, [row[:3] for row in pairings], sorted(themes))
        prefix = f"{PREFIX}{seed}-"
        existing = set(Case.objects.filter(slug__startswith=prefix).values_list("slug", flat=True))
        todo = [n for n in range(1, count + 1) if f"{prefix}{n}" not in existing]
        skipped = count - len(todo)
        # An earlier run stopped between inserting a batch and refreshing it: finish that first.
        unrefreshed = list(Case.objects.filter(slug__startswith=prefix, body_html_zh="").values_list("pk", flat=True))
        parallel = jobs > 1 and len(todo) > BATCH and not transaction.get_connection().in_atomic_block
        refresher = Refresher(jobs if parallel else 1, self.say, started)
        try:
            if unrefreshed:
                self.say(f"Refreshing {len(unrefreshed):,} demo cases an earlier run left unrendered.")
                refresher.submit(unrefreshed)
            done = 0
            for start in range(0, len(todo), BATCH):
                numbers = todo[start : start + BATCH]
                ids = self.insert_batch([generator.case(n) for n in numbers], pairing_ids, themes)
                done += len(numbers)
                self.say(
                    f"  inserted {done:,}/{len(todo):,} cases ({100 * done / len(todo):.0f}%), "
                    f"{time.monotonic() - started:.1f} s"
                )
                # Rendered Markdown, sort keys, and whatever else the lead engineer derives (facets, search).
                refresher.submit(ids)
            refresher.finish()
        finally:
            refresher.shutdown()
        return done if todo else 0, skipped

    @staticmethod
    def insert_batch(drawn, pairing_ids, themes):
        from cases.models import Case, KeyFigure

        CasePairing, CaseTheme = Case.pairings.through, Case.themes.through
        with transaction.atomic():
            objects = Case.objects.bulk_create([Case(**fields) for fields, _, _, _ in drawn])
            ids = [case.pk for case in objects]
            if None in ids:  # a backend that does not return primary keys from bulk inserts
                by_slug = dict(Case.objects.filter(slug__in=[c.slug for c in objects]).values_list("slug", "pk"))
                ids = [by_slug[case.slug] for case in objects]
            links_p, links_t, figures = [], [], []
            for case_id, (_, pairing_slugs, theme_slugs, figure_rows) in zip(ids, drawn, strict=True):
                links_p += [CasePairing(case_id=case_id, pairing_id=pairing_ids[s]) for s in pairing_slugs]
                links_t += [CaseTheme(case_id=case_id, theme_id=themes[s]) for s in theme_slugs]
                figures += [KeyFigure(case_id=case_id, **row) for row in figure_rows]
            CasePairing.objects.bulk_create(links_p)
            CaseTheme.objects.bulk_create(links_t)
            KeyFigure.objects.bulk_create(figures)
        return ids


class Refresher:
    """Calls cases.maintenance.refresh_derived(ids) for each committed batch: here, or in worker processes
    (spawned, so each opens its own database connection) while the next batches are inserted."""

    def __init__(self, jobs, say, started):
        self.jobs, self.say, self.started = jobs, say, started
        self.pending, self.refreshed, self.pool = [], 0, None
        if jobs > 1:
            # Fresh interpreters that read the same settings (DJANGO_SETTINGS_MODULE and DATABASE_URL are in the
            # environment); never fork a process that holds a database connection.
            self.pool = ProcessPoolExecutor(
                max_workers=jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker
            )

    def submit(self, ids):
        if self.pool is None:
            from cases.maintenance import refresh_derived

            refresh_derived(ids)
            self._done(len(ids))
            return
        self.pending.append(self.pool.submit(_refresh_in_worker, ids))
        # Keep at most two batches per worker queued, so memory stays bounded and progress is real.
        while len(self.pending) > 2 * self.jobs:
            self._done(self.pending.pop(0).result())

    def finish(self):
        while self.pending:
            self._done(self.pending.pop(0).result())

    def shutdown(self):
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _done(self, n):
        self.refreshed += n
        self.say(f"  refreshed derived fields of {self.refreshed:,} cases, {time.monotonic() - self.started:.1f} s")
