using Yiwang.Kernel.Identity;

namespace Yiwang.People.Generation;

/// <summary>Realistic-looking Chinese names drawn from frequency lists.</summary>
internal static class ChineseNames
{
    // Holders in units of 10,000, rounded from the Ministry of Public Security's 2020 surname
    // report; beyond the top hundred the figures are rough, but the tail has to be there or the
    // common surnames come out too common. Compound surnames are rare but keep masking honest.
    private static readonly WeightedTable<string> _surnames = new(
    [
        ("王", 10150), ("李", 10090), ("张", 9540), ("刘", 7210), ("陈", 6330), ("杨", 4620), ("黄", 3370),
        ("赵", 2860), ("吴", 2780), ("周", 2680), ("徐", 2030), ("孙", 1940), ("马", 1900), ("朱", 1810),
        ("胡", 1650), ("郭", 1570), ("何", 1480), ("高", 1410), ("林", 1420), ("罗", 1380), ("郑", 1260),
        ("梁", 1220), ("谢", 1000), ("宋", 960), ("唐", 940), ("许", 890), ("韩", 880), ("冯", 850),
        ("邓", 840), ("曹", 820), ("彭", 800), ("曾", 780), ("肖", 770), ("田", 700), ("董", 690),
        ("袁", 680), ("潘", 670), ("于", 660), ("蒋", 650), ("蔡", 640), ("余", 630), ("杜", 620),
        ("叶", 600), ("程", 590), ("苏", 580), ("魏", 570), ("吕", 560), ("丁", 550), ("任", 540),
        ("沈", 530), ("姚", 520), ("卢", 510), ("姜", 500), ("崔", 490), ("钟", 480), ("谭", 470),
        ("陆", 460), ("汪", 450), ("范", 440), ("金", 430), ("石", 425), ("廖", 420), ("贾", 415),
        ("夏", 410), ("韦", 405), ("付", 400), ("方", 395), ("白", 390), ("邹", 385), ("孟", 380),
        ("熊", 375), ("秦", 370), ("邱", 365), ("江", 360), ("尹", 355), ("薛", 350), ("闫", 345),
        ("段", 340), ("雷", 335), ("侯", 330), ("龙", 325), ("史", 320), ("陶", 315), ("黎", 310),
        ("贺", 305), ("顾", 300), ("毛", 295), ("郝", 290), ("龚", 285), ("邵", 280), ("万", 275),
        ("钱", 270), ("严", 265), ("覃", 260), ("武", 255), ("戴", 250), ("莫", 245), ("孔", 240),
        ("向", 235), ("汤", 230), ("常", 225), ("温", 220), ("康", 215), ("施", 210), ("文", 205),
        ("牛", 200), ("樊", 195), ("葛", 190), ("邢", 185), ("安", 180), ("齐", 175), ("易", 170),
        ("乔", 165), ("伍", 160), ("庞", 155), ("颜", 150), ("倪", 145), ("庄", 140), ("聂", 135),
        ("章", 130), ("鲁", 125), ("岳", 120), ("翟", 115), ("殷", 110), ("詹", 105), ("申", 100),
        // Each of these stands in for several of the hundreds of rarer surnames.
        ("包", 300), ("左", 298), ("涂", 296), ("柳", 294), ("单", 292), ("甘", 290), ("祝", 288),
        ("耿", 286), ("管", 284), ("鲍", 282), ("童", 280), ("焦", 278), ("关", 276), ("柴", 274),
        ("卫", 272), ("纪", 270), ("仇", 268), ("苗", 266), ("路", 264), ("洪", 262), ("房", 260),
        ("滕", 258), ("裴", 256), ("席", 254), ("尚", 252), ("兰", 250), ("池", 248), ("车", 246),
        ("冉", 244), ("饶", 242), ("全", 240), ("骆", 238), ("牟", 236), ("甄", 234), ("芦", 232),
        ("邬", 230), ("宁", 228), ("娄", 226), ("刁", 224), ("商", 222), ("桂", 220), ("连", 218),
        ("封", 216), ("晏", 214), ("隋", 212), ("霍", 210), ("凌", 208), ("苟", 206), ("鄢", 204),
        ("艾", 202), ("阮", 200), ("巫", 198), ("戚", 196), ("舒", 194), ("晋", 192), ("栾", 190),
        ("闵", 188), ("喻", 186), ("符", 184), ("明", 182), ("俞", 180), ("云", 178), ("解", 176),
        ("应", 174), ("宗", 172), ("丘", 170), ("幸", 168), ("昌", 166), ("蒲", 164), ("褚", 162),
        ("柏", 160), ("荣", 158), ("卜", 156), ("敖", 154), ("宫", 152), ("盛", 150),
        ("欧阳", 60), ("上官", 10), ("司马", 10), ("诸葛", 10),
    ]);

    // Given-name characters shift with fashion, so each generation gets its own pool.
    // Repeated characters are deliberate: they were that much more common.
    private const string _maleBefore1960 = "建国华明德福贵生富忠和平正春山清金荣元文庆光海长林学发保成有祥兴顺良德才国华明";
    private const string _femaleBefore1960 = "秀英兰桂芳珍凤玉华琴翠梅淑素春花荣金云莲香霞菊彩秀英兰桂珍";
    private const string _male1960To1989 = "伟强磊军勇杰涛斌波刚辉峰超鹏亮华明俊飞健宏东锋海志文龙林兵平建新军伟强勇";
    private const string _female1960To1989 = "丽芳娟敏静艳霞燕玲萍红梅莉娜琳丹英慧洁婷雪颖倩晶琴华秀芳丽娟艳";
    private const string _male1990On = "浩宇轩睿泽子博昊俊辰航然一铭杰涵诚逸阳晨皓瑞鑫鹏凯奕梓文天思宇浩轩";
    private const string _female1990On = "子欣涵怡梓雨萱可诺思佳琪悦婷雅一馨语彤依诗晨梦瑶若妍嘉静钰欣涵";

    private const int _singleCharacterGivenNamePercent = 20;

    public static string Surname(Random random) => _surnames.Sample(random);

    public static string GivenName(Random random, Sex sex, int birthYear)
    {
        var pool = (sex, birthYear) switch
        {
            (Sex.Male, < 1960) => _maleBefore1960,
            (Sex.Male, < 1990) => _male1960To1989,
            (Sex.Male, _) => _male1990On,
            (_, < 1960) => _femaleBefore1960,
            (_, < 1990) => _female1960To1989,
            _ => _female1990On,
        };

        if (random.Next(100) < _singleCharacterGivenNamePercent)
        {
            return new string(pool[random.Next(pool.Length)], 1);
        }

        return string.Create(2, (pool, first: random.Next(pool.Length), second: random.Next(pool.Length)), static (span, state) =>
        {
            span[0] = state.pool[state.first];
            span[1] = state.pool[state.second];
        });
    }
}
