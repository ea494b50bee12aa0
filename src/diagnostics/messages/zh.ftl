# qiao 的中文信息。每个错误代码一条（id 就是代码），带 `.explain`、`.wrong`、
# `.right`，供 `qiao explain` 和 docs/errors.md 使用；其余 id 是信息的组成部分和进度提示。
# en.ftl 有同样的 id。修改后运行：QIAO_BLESS=1 cargo test --lib errors_md

## Diagnostics

### area-01

E0101 = 文件不是 UTF-8 编码：第 { $offset } 个字节是 0x{ $byte }；请把文件另存为 UTF-8
    .explain = qiao 只读取 UTF-8 编码的文本文件。用 GBK、GB2312 保存的文件（老式中文编辑器和 Excel 常见）里有不是 UTF-8 的字节，错误指出第一个坏字节的位置。
    .wrong =
        （用 GBK 编码保存的文件）
    .right =
        （同一个文件另存为 UTF-8 编码）

E0102 = 文件是空的；内容文件以两行 `+++` 之间的 TOML front matter 开头，至少要有 `title` 和 `date`
    .explain = content/ 下的空 Markdown 文件不能成为页面。写上 front matter，或者删掉这个文件。
    .wrong =
        （空文件）
    .right =
        +++
        title = "联盟简介"
        date = 2025-03-18
        +++

E0103 = 第一行应该是 `+++`：内容文件以两行 `+++` 之间的 TOML front matter 开头
    .explain = 每个内容文件的第一行必须是 `+++`，前面不能有空行或说明文字。
    .wrong =
        联盟简介
        +++
        title = "联盟简介"
        +++
    .right =
        +++
        title = "联盟简介"
        +++

E0104 = front matter 是两行 `+++` 之间的 TOML，不是两行 `---` 之间的 YAML：把两行 `---` 都换成 `+++`，把 `键: 值` 写成 `键 = "值"`
    .explain = 有的网站生成器用 `---` 之间的 YAML；qiao 用 `+++` 之间的 TOML。
    .wrong =
        ---
        title: 联盟简介
        ---
    .right =
        +++
        title = "联盟简介"
        +++

E0105 = front matter 没有闭合：在最后一个字段后面加一行 `+++`（第一行 `+++` 在第 1 行）
    .explain = front matter 到第二行 `+++` 结束，这一行只能有 `+++`。
    .wrong =
        +++
        title = "联盟简介"
        {""}
        正文……
    .right =
        +++
        title = "联盟简介"
        +++
        {""}
        正文……

E0106 = { $key ->
        [none] front matter 不是有效的 TOML：{ $detail }
       *[other] front matter 在 `{ $key }` 处不是有效的 TOML：{ $detail }
    }
    .explain = TOML 解析器读不懂 front matter，后面附上它的原话（英文）。常见原因：文字没加引号；同一个字段写了两次；花括号 `{"{"} … {"}"}` 跨了行；日期不存在。
    .wrong =
        +++
        title = "A"
        title = "B"
        +++
    .right =
        +++
        title = "B"
        +++

E0107 = 值两边用了{ $name } `{ $char }`：TOML 要用英文引号 `{ $ascii }`；这一行应写成 `{ $fixed }`
    .explain = 中文输入法打出的是弯引号 “…” 和 ‘…’，TOML 只认英文直引号 " 和 '。输入引号时把输入法切换到英文标点（中/英键，或 Ctrl+.）。
    .wrong =
        title = “数控订单班”
    .right =
        title = "数控订单班"

E0108 = front matter 里用了{ $name } `{ $char }`：TOML 要用{ $ascii ->
        [space] 普通（半角）空格
       *[other] {" "}`{ $ascii }`
    }；这一行应写成 `{ $fixed }`
    .explain = 全角标点（，、：＝【】［］｛｝和全角空格）看起来和 TOML 的符号一样，其实是别的字符。引号外面必须用半角的 , = [ ] {"{"} {"}"} 和普通空格。圆括号（全角（）或半角 ()）在 TOML 里没有用处：列表写在 [ ] 里，表格写在 {"{"} {"}"} 里。引号里面的文字随便写。
    .wrong =
        partners = ["xunjiang-polytechnic"，"hengrui-precision"]
    .right =
        partners = ["xunjiang-polytechnic", "hengrui-precision"]

E0109 = 日期 `{ $found }` 的写法不对：应写成 `{ $date }`（年-月-日用 `-` 连接，月和日写两位，不加引号）；这一行应写成 `{ $fixed }`
    .explain = 日期写成 2025-03-18：四位年份，两位月份和日期，用 - 连接。2025/3/18、2025.3.18、2025年3月18日、2025-3-8 这些写法 TOML 都不认识。加了引号的 "2025-03-18" 也能识别为日期。
    .wrong =
        date = 2025/3/18
    .right =
        date = 2025-03-18

E0110 = `键: 值` 是 YAML 的写法，TOML 要写 `键 = 值`；这一行应写成 `{ $fixed }`
    .explain = TOML 里键和值之间用 =，不用冒号。
    .wrong =
        title: "联盟简介"
    .right =
        title = "联盟简介"

E0111 = `{ $value }` 里的反斜杠 `\` 在 TOML 里表示转义（如 `\n`）；反斜杠要写两个，或者改用单引号；这一行应写成 `{ $fixed }`
    .explain = 双引号里的反斜杠表示转义：\n 是换行，\u0041 是一个字符。要写反斜杠本身，写成 \\，或者改用单引号（单引号里的内容原样保留）。
    .wrong =
        doc_number = "浔政办\发〔2025〕3号"
    .right =
        doc_number = '浔政办\发〔2025〕3号'

E0112 = `{ $field }` 被写进了 `[{ $table }]`：TOML 会把 `[{ $table }]` 这一行之后的所有行都放进这个表格；把 `{ $field } = …` 移到 `[{ $table }]` 这一行上面
    .explain = 方括号标题 [表格] 开始的表格一直持续到 front matter 结束（或下一个方括号标题）。写在它下面的字段属于这个表格，不属于页面。[extra]、[[outcomes]]、[[projects]]、[[incentives]] 要放在最后。
    .wrong =
        +++
        title = "工业视觉联合实验室"
        {""}
        {""}[extra]
        lab_area_m2 = 600
        tags = ["AI"]
        +++
    .right =
        +++
        title = "工业视觉联合实验室"
        tags = ["AI"]
        {""}
        {""}[extra]
        lab_area_m2 = 600
        +++

E0113 = 文字要用英文双引号括起来；这一行应写成 `{ $fixed }`
    .explain = TOML 里的文字都要加引号；只有数字、日期和 true/false 不加。
    .wrong =
        title = 数控订单班
    .right =
        title = "数控订单班"

### area-02

E0201 = { $hint ->
        [none] 缺少必填字段 `{ $field }`
       *[other] 缺少必填字段 `{ $field }`（{ $hint }）
    }
    .explain = 每种内容都有必填字段（案例要有合作方，需求要有截止日期）。`qiao new` 生成的文件已经包含全部必填字段。字段名拼错时，会同时出现“缺少必填字段”和“未知字段”两条错误。
    .wrong =
        +++
        title = "数控订单班"
        date = 2025-03-18
        modes = ["order-training"]
        +++
    .right =
        +++
        title = "数控订单班"
        date = 2025-03-18
        partners = ["xunjiang-polytechnic", "hengrui-precision"]
        modes = ["order-training"]
        +++

E0202 = 未知字段 `{ $field }`
    .explain = 这一类内容没有这个字段：可能拼错了，或者把列表字段写成了单数（`industry` 应为 `industries`），或者用了中文字段名。自定义信息请写在 [extra] 下面。
    .wrong =
        industry = ["intelligent-manufacturing"]
    .right =
        industries = ["intelligent-manufacturing"]

E0203 = { $value ->
        [none] `{ $field }` 应该是{ $expected }，实际是{ $found }
       *[other] `{ $field }` 应该是{ $expected }，实际是{ $found } { $value }
    }
    .explain = 值的类型不对：数字加了引号、需要方括号列表的地方只写了一个值、需要日期时间的地方只写了日期等。
    .wrong =
        trl = "6"
        tags = "AI"
    .right =
        trl = 6
        tags = ["AI"]

E0204 = `{ $field }` 不能为空
    .explain = 写了的文字字段不能是空的；没有内容就删掉这个字段。
    .wrong =
        summary = ""
    .right =
        summary = "研究院出算法、企业出场景。"

E0205 = `{ $field }` 必须在 { $min } 到 { $max } 之间，实际是 { $found }
    .explain = 数字超出了范围，例如技术成熟度 `trl` 只能是 1 到 9。
    .wrong =
        trl = 12
    .right =
        trl = 6

E0206 = `{ $field }` 必须是有限的数字，实际是 { $found }
    .explain = inf、nan 在 TOML 里算数字，但不能用作预算或成果数值。
    .wrong =
        value = inf
    .right =
        value = 120

E0207 = { $near ->
        [none] `{ $field }` 只能是 { $allowed } 之一，实际是 `{ $value }`
       *[other] `{ $field }` 的值 `{ $value }` 不在允许的范围内；是不是 { $near }？（允许的值：{ $allowed }）
    }
    .explain = type、modes、level、status、need 等字段只能从固定的英文值中选，错误信息会列出全部允许值。注意小写和连字符。
    .wrong =
        type = "univercity"
    .right =
        type = "university"

E0208 = `{ $field }` 不是有效的日期：`{ $value }`（{ $why }）
    .explain = 引号里的文字不是日期，或者是不存在的日期（如 2025-02-30）。
    .wrong =
        date = "2025-02-30"
    .right =
        date = 2025-02-28

E0209 = `{ $field }` 只写日期，如 2025-03-18，不带时刻
    .explain = joined、issued、deadline 等字段只写日期。
    .wrong =
        deadline = 2026-12-31T18:00:00
    .right =
        deadline = 2026-12-31

E0210 = `{ $field }` 要写日期和时刻，如 2026-05-20T14:00:00，实际只写了日期
    .explain = 路演的 start 和 end 是时刻：日期、大写 T、时间。
    .wrong =
        start = 2026-05-20
    .right =
        start = 2026-05-20T14:00:00

E0211 = { $scheme ->
        [none] `{ $field }` 不是有效的网址：`{ $value }`（{ $detail }）；请写完整，如 https://example.org/
       *[other] `{ $field }` 必须是 http:// 或 https:// 开头的网址，实际是 `{ $scheme }:`
    }
    .explain = 网址要写完整，以 https:// 或 http:// 开头。
    .wrong =
        website = "www.example.org"
    .right =
        website = "https://www.example.org/"

E0212 = `{ $field }` 应该是表格，如 { $example }，实际是{ $found }
    .explain = 这个字段包含几个有名字的值，写成花括号里的小表格，或者写在自己的方括号标题下面。
    .wrong =
        venue = "报告厅"
    .right =
        {""}[venue]
        name = "报告厅"
        city = "浔江"

E0213 = `slug` 只能用 a-z、0-9、`-` 和汉字，实际是 "{ $value }"（不允许的字符：{ $bad }）
    .explain = slug 是网址的一段：只能用小写字母、数字、连字符和汉字。
    .wrong =
        slug = "Precision_RND"
    .right =
        slug = "precision-rnd"

E0214 = 文件名 `{ $name }` 不能用作网址：只能用 a-z、0-9、`-` 和汉字，或者写上 `slug = "..."`
    .explain = 没有 slug 字段时，文件名就是网址的一段；请给文件改名，或者写上 slug。
    .wrong =
        content/cases/Joint Lab.md
    .right =
        content/cases/joint-lab.md

E0215 = 路径中的 `{ $segment }` 不能用作网址：文件夹名和文件名只能用 a-z、0-9、`-` 和汉字
    .explain = 普通页面的网址就是它在 content/ 下的路径，所以每一级文件夹名都会出现在网址里。
    .wrong =
        content/About Us/index.md
    .right =
        content/about/index.md

E0216 = `{ $field }` 里要写 slug（a-z、0-9、`-`），实际是 "{ $value }"；请写 "{ $slug }"，并在 site.toml 的 [taxonomies] 里给它起名称
    .explain = 产业和地区是固定分类，用 slug 表示；显示的名称在 site.toml 里统一设置。
    .wrong =
        industries = ["Intelligent Manufacturing"]
    .right =
        industries = ["intelligent-manufacturing"]

E0217 = `{ $field }` 必须是语言代码，如 "zh" 或 "en"，实际是 "{ $value }"
    .explain = 语言用 BCP 47 代码表示：zh、en、zh-Hant。
    .wrong =
        lang = "中文"
    .right =
        lang = "zh"

E0218 = 写了 `cover` 就要写 `cover_alt`：用一句话说明图片内容，给看不到图片的读者
    .explain = 读屏软件会朗读这句说明；写出图片里有什么。
    .wrong =
        cover = "/images/cases/cnc.svg"
    .right =
        cover = "/images/cases/cnc.svg"
        cover_alt = "两名订单班学员站在数控机床旁"

E0219 = `contact.email` 必须是邮箱地址，如 name@example.org，实际是 "{ $value }"
    .explain = 邮箱地址由名字、@ 和带点的域名组成。
    .wrong =
        contact = {"{"} email = "liwen at example.org" {"}"}
    .right =
        contact = {"{"} email = "liwen@example.org" {"}"}

E0220 = `{ $later }`（{ $later_value }）早于 `{ $earlier }`（{ $earlier_value }），这不可能
    .explain = 结束早于开始：案例的结束日期早于开始日期、政策的失效日期早于生效日期。通常是年份或月份写错了。
    .wrong =
        started = 2025-05-01
        ended = 2024-01-01
    .right =
        started = 2024-01-01
        ended = 2025-05-01

E0221 = `partners` 至少要有两个成员，实际是 { $found } 个
    .explain = 案例是成员之间的合作，至少列出两个。合作方还不是联盟成员时，先为它建一个成员文件。
    .wrong =
        partners = ["xunjiang-polytechnic"]
    .right =
        partners = ["xunjiang-polytechnic", "hengrui-precision"]

E0222 = `modes` 至少要有一种合作模式
    .explain = 空列表说明不了成员之间怎样合作。
    .wrong =
        modes = []
    .right =
        modes = ["order-training"]

E0223 = `budget.currency` 必须是三个大写字母的货币代码，如 "CNY"，实际是 "{ $value }"
    .explain = 货币用 ISO 4217 的三个大写字母表示；不写时默认人民币 CNY。
    .wrong =
        budget = {"{"} amount = 200000, currency = "元" {"}"}
    .right =
        budget = {"{"} amount = 200000, currency = "CNY" {"}"}

E0224 = `{ $field }` 不能是负数
    .explain = 预算是金额，不能小于零。
    .wrong =
        budget = {"{"} amount = -5000 {"}"}
    .right =
        budget = {"{"} amount = 5000 {"}"}

E0225 = `budget.max`（{ $max }）小于 `budget.min`（{ $min }）
    .explain = 区间的最大值要大于最小值；交换两个数，或检查是否多写/少写了一个 0。
    .wrong =
        budget = {"{"} min = 800000, max = 300000 {"}"}
    .right =
        budget = {"{"} min = 300000, max = 800000 {"}"}

E0226 = `budget.negotiable` 只能是 true；没有预算就不写 `budget`
    .explain = negotiable = true 表示预算面议；没有预算的需求不写这个字段。
    .wrong =
        budget = {"{"} negotiable = false {"}"}
    .right =
        budget = {"{"} negotiable = true {"}"}

E0227 = `budget` 只能是这几种写法之一：{ $example }
    .explain = 预算只能是区间（min 和 max）、固定金额（amount）或面议（negotiable）中的一种，不能混用。
    .wrong =
        budget = {"{"} min = 100000, amount = 200000 {"}"}
    .right =
        budget = {"{"} min = 100000, max = 300000 {"}"}

E0228 = `end`（{ $end }）必须晚于 `start`（{ $start }）
    .explain = 路演的结束时间要晚于开始时间；检查日期和小时（下午两点写 14:00）。
    .wrong =
        start = 2026-05-20T14:00:00
        end = 2026-05-20T10:00:00
    .right =
        start = 2026-05-20T14:00:00
        end = 2026-05-20T17:00:00

E0229 = `venue` 至少要有 `name`、`address` 或 `city` 之一
    .explain = venue 说明路演在哪里举行。
    .wrong =
        {""}[venue]
        room = "302"
    .right =
        {""}[venue]
        name = "浔江科技大厦"
        address = "江滨大道 1 号"

E0230 = 路演要有 `venue`（举办地点）或 `online_url`（线上观看地址），或者两个都有
    .explain = 访客需要知道去哪里参加，或者在哪里观看。
    .wrong =
        +++
        title = "成果路演"
        start = 2026-05-20T14:00:00
        organizer = "xunjiang-university"
        +++
    .right =
        +++
        title = "成果路演"
        start = 2026-05-20T14:00:00
        organizer = "xunjiang-university"
        online_url = "https://live.example.org/roadshow"
        +++

E0231 = `content/{ $folder }/` 是栏目（其中的页面带 `date`），所以这个页面也要写 `date`
    .explain = content/ 下不属于五种内容的顶层文件夹，只要其中有带日期的页面（或有 _index.md），就是一个栏目：页面按日期从新到旧列出，进入订阅源和首页，所以每一篇都要有发布日期。页面都不带日期的文件夹（如 content/join/）仍是普通页面。
    .wrong =
        +++
        title = "关于召开 2026 年度理事会的通知"
        +++
    .right =
        +++
        title = "关于召开 2026 年度理事会的通知"
        date = 2026-11-20
        +++

E0232 = `pinned`（置顶）只能用在栏目的页面上（如 content/notices/ 这种页面带 `date` 的文件夹）
    .explain = 置顶的页面排在所在栏目列表和首页区块的最前面。这个页面是普通页面，不出现在任何列表里：删掉 `pinned`，或者给这个文件夹里的页面写上 `date`。
    .wrong =
        # content/join/how.md，普通页面
        pinned = true
    .right =
        # content/notices/council-2026.md
        date = 2026-11-20
        pinned = true

E0240 = `{ $field }` 是事实，不是要翻译的文字：译文从原文 { $original } 取它；请在这里删掉
    .explain = 译文（x.md 旁边的 x.en.md）只写译者要翻译的内容：标题、摘要、正文、标签、cover_alt、成果的名称、政策措施的文字、路演地点和项目的文字、[extra]。日期、slug、对成员和政策的引用、枚举值、数字、网址、产业和地区都取自原文，这样译文不会误改事实。要改事实，请改原文。
    .wrong =
        # content/cases/x.en.md
        title = "CNC order class"
        date = 2025-03-18
    .right =
        # content/cases/x.en.md（日期取自原文）
        title = "CNC order class"

E0241 = 这个译文没有原文：找不到 { $original }
    .explain = 名为 x.en.md 的文件是同一文件夹里 x.md 的英文译文。要么原文不存在或名字写错了；要么这个文件不是译文：那就把它命名为不带语言的 x.md，并写齐该类型的所有字段。
    .wrong =
        content/cases/cnc-order.en.md   # 没有 content/cases/cnc-order.md
    .right =
        content/cases/cnc-order.md
        content/cases/cnc-order.en.md

E0242 = { $why ->
        [default] `{ $lang }` 是网站本身的语言：原文就是 { $lang } 版；请把文件名里的 `.{ $lang }` 去掉
       *[other] 网站没有声明语言 `{ $lang }`；请在 site.toml 里加上 `[languages.{ $lang }]`（已声明：{ $declared }）
    }
    .explain = 译文的语言写在 .md 前面（x.en.md 是英文）。网站只发布 site.toml 在 [languages] 下声明的语言，每种语言在自己的文件夹下（/en/）。
    .wrong =
        # site.toml 没有 [languages.en]
        content/about.en.md
    .right =
        # site.toml
        {""}[languages.en]
        title = "Xunjiang Industry–Education Alliance"

E0243 = `{ $field }` 的条目比原文 { $original } 多（原文 { $count } 条）；译文按原文的顺序翻译原文的条目
    .explain = outcomes、incentives 和 projects 按位置翻译：译文的第一条就是原文的第一条。要加一条，先在原文里加上（连同它的事实），再翻译。
    .wrong =
        # 原文只有一条成果
        {""}[[outcomes]]
        label = "Students trained"
        {""}[[outcomes]]
        label = "Graduates hired"
    .right =
        {""}[[outcomes]]
        label = "Students trained"

E0244 = 这个页面的地址 `/{ $url }` 在 `/{ $lang }/` 里，那是网站 { $lang } 版页面的文件夹；请把 { $lang } 版写成原文旁边的译文（{ $suggestion }）
    .explain = 声明了另一种语言（[languages.en]）的网站把这种语言的页面发布在它的文件夹（/en/）下。网站本身语言的页面放在那里，会占用那种语言页面的地址。请改为翻译原文：content/about.md 旁边的 content/about.en.md 发布在 /en/about/。
    .wrong =
        content/en/about.md
    .right =
        content/about.en.md   # content/about.md 的译文

### area-03

E0301 = `{ $field }` 中的{ $what ->
        [member] 成员
       *[other] 政策
    } `{ $slug }` 不存在
    .explain = partners、organization、organizer 和项目的 team 要写成员的 slug（content/members/ 里的文件名）；policies 要写政策的 slug。成员的名称不是它的 slug。
    .wrong =
        partners = ["示例职业技术学院", "hengrui-precision"]
    .right =
        partners = ["example-college", "hengrui-precision"]

E0302 = `{ $field }` 中的 `{ $slug }` 是草稿（`{ $source }` 里有 `draft = true`）；请发布它，或用 --drafts 生成
    .explain = 已发布的页面不能引用草稿：草稿不生成页面。
    .wrong =
        draft = true   # 在 content/members/gamma.md 里
    .right =
        # 删掉 content/members/gamma.md 里的 draft = true

E0303 = { $folder } 里的 slug `{ $slug }` 重复了：`{ $earlier }` 已经在用；请设置不同的 `slug`，或给文件改名
    .explain = 同一类型的两个文件得到了同一个 slug，常见于不同子文件夹里的同名文件。错误报在路径顺序靠后的文件上。
    .wrong =
        content/cases/2024/x.md
        content/cases/2025/x.md
    .right =
        content/cases/2024/x.md
        content/cases/2025/x.md   # slug = "x-2025"

E0304 = 这个页面的网址 /{ $url } 属于{ $owner }，由 qiao 自动生成；{ $page ->
        [yes] 请给文件或文件夹改名
       *[other] 请设置不同的 `slug`，或给文件改名
    }
    .explain = 有些网址由 qiao 自己生成（首页、列表页、搜索页、分类页、订阅等），页面不能占用。
    .wrong =
        content/search/help.md
    .right =
        content/help/search.md

E0305 = 这个页面的网址 /{ $url } 已被 `{ $earlier }` 占用
    .explain = 两个页面会生成到同一个网址，例如 content/join.md 和 content/join/index.md。
    .wrong =
        content/join.md
        content/join/index.md
    .right =
        content/join/index.md

E0306 = `{ $field }` 的图片 `{ $value }` 不存在；请把它放在 static/ 下（{ $path }）
    .explain = 图片放在站点的 static/ 文件夹里，引用时从网站根目录写起、去掉 `static`：static/images/x.jpg 写成 /images/x.jpg。
    .wrong =
        cover = "/images/cnc.jpg"   # static/images/cnc.jpg 不存在
    .right =
        cover = "/images/cnc.jpg"   # static/images/cnc.jpg 存在

E0307 = `{ $field }` 写的是你电脑上的路径（`{ $value }`），网站上显示不出来：把图片放进站点的 static/images/ 文件夹，写成 `{ $image }`
    .explain = 网站发布时不会带上你电脑里的文件。把图片复制到站点的 static/images/ 里，从网站根目录写起它的路径。
    .wrong =
        cover = "C:\Users\liwen\Desktop\cnc.jpg"
    .right =
        cover = "/images/cnc.jpg"

E0308 = `{ $field }` 以 `static/` 开头：static/ 里的文件发布在网站根目录，应写成 `{ $fixed }`{ $exists ->
        [yes] {""}
       *[other] （并把文件放在 static{ $fixed }）
    }
    .explain = static/ 是存放文件的文件夹，不是网址的一部分。
    .wrong =
        cover = "static/images/cnc.jpg"
    .right =
        cover = "/images/cnc.jpg"

W0309 = `{ $field }` 里的 `{ $label }` 是 `{ $slug }` 的名称：请写 slug `{ $slug }`（这次先按 `{ $slug }` 处理）
    .explain = 产业和地区要写 slug；site.toml 给每个 slug 设置显示名称。写了名称也能识别，但文件里应该写 slug。
    .wrong =
        industries = ["智能制造"]
    .right =
        industries = ["intelligent-manufacturing"]

W0310 = `{ $field }` 里的 `{ $slug }` 在 site.toml 里没有名称，网站上会直接显示 slug；请在 [taxonomies] 下加一行 `{ $field }.{ $slug } = "…"`
    .explain = site.toml 还没有给任何产业（或任何地区）起名称时，用到的 slug 会原样显示在页面上，所以只是警告。给第一个起了名称以后，site.toml 就是完整的名单，名单外的 slug 是错误（E0335）。
    .wrong =
        # site.toml 里没有 [taxonomies]
        # content/cases/x.md
        industries = ["new-materials"]
    .right =
        # site.toml
        {""}[taxonomies]
        industries.new-materials = "新材料"

E0335 = `{ $field }` 里的 `{ $slug }` 不在 site.toml 的名单里（[taxonomies] 给 { $count } 个{ $field ->
        [regions] 地区
       *[other] 产业
    }起了名称）；如果是新增的，请在 [taxonomies] 下加一行 `{ $field }.{ $slug } = "…"`
    .explain = site.toml 的 [taxonomies] 是网站的产业和地区名单。名单外的 slug 多半是拼错了，会让网站多出一个单独的分类、页面上显示 slug；新增的产业或地区要先在 site.toml 里起名称。
    .wrong =
        # site.toml
        {""}[taxonomies]
        industries.intelligent-manufacturing = "智能制造"
        {""}
        # content/cases/x.md
        industries = ["intelligent-manufactoring", "new-materials"]
    .right =
        # site.toml
        {""}[taxonomies]
        industries.intelligent-manufacturing = "智能制造"
        industries.new-materials = "新材料"
        {""}
        # content/cases/x.md
        industries = ["intelligent-manufacturing", "new-materials"]

# hosts: aliases of pages that moved, page URLs that vanished since the last build.
E0320 = `aliases` 中的 `{ $value }` 不是本站的路径：请写旧网址在本站根目录下的路径，以 `/` 开头，例如 `/cases/old-name/`
    .explain = 别名（aliases）是页面搬家之前的旧网址（比如转发到微信群里的链接）。只写网站地址后面的路径：不要 `https://` 和域名，不要 `?` 或 `#` 之后的部分，不要空格和 `..`。
    .wrong =
        aliases = ["https://alliance.example.org/cases/old-name/"]
    .right =
        aliases = ["/cases/old-name/"]

E0321 = 别名 `{ $alias }` 是{ $owner }的网址，由 qiao 自动生成；旧网址只能是本站现在没有页面使用的网址
    .explain = 每个别名会生成一个小页面，把访客转到搬家后的页面。它不能占用本站自己生成的网址（首页、列表页、搜索页、标签页、订阅等）。
    .wrong =
        aliases = ["/cases/"]
    .right =
        aliases = ["/cases/old-name/"]

E0322 = 别名 `{ $alias }` 是页面 `{ $source }` 的网址；请删掉这个别名，或先给那个页面改名或搬家
    .explain = 本站还有页面在使用的旧网址，不能再转到别处：那里生成的是页面本身，而不是跳转页。
    .wrong =
        # content/cases/new.md，而 content/cases/old.md 还在
        aliases = ["/cases/old/"]
    .right =
        # content/cases/old.md 已改名为 content/cases/new.md
        aliases = ["/cases/old/"]

E0323 = 别名 `{ $alias }` 已经是 `{ $earlier }` 的别名；一个旧网址只能转到一个页面
    .explain = 两个页面（或同一个页面两次）在 `aliases` 里写了同一个旧网址。请只留在接替旧页面的那个页面上，从另一个里删掉。
    .wrong =
        # content/cases/a.md 和 content/cases/b.md 都写了
        aliases = ["/cases/old/"]
    .right =
        # 只有 content/cases/a.md 写
        aliases = ["/cases/old/"]

E0324 = 上次生成到 { $output } 的页面 { $url } 这次没有了，--strict 不允许这样{ $renamed ->
        [none] ；如果页面搬了家，请在接替它的页面里加上旧网址 `aliases = ["{ $url }"]`，或者不加 --strict 再生成
       *[other] ；它是不是改名成了 { $renamed }？请在那个文件里加上 `aliases = ["{ $url }"]`
    }
    .explain = 加上 --strict 时，如果上次生成到同一个文件夹的某个页面网址这次没有了、也没有别名把访客转过去，生成就会失败（什么也不写）。否则转发到群里、印在海报上的链接会打不开。
    .wrong =
        # content/cases/old.md 改名为 content/cases/new.md
        +++
        title = "校企共建实训基地"
        +++
    .right =
        # content/cases/new.md
        +++
        title = "校企共建实训基地"
        aliases = ["/cases/old/"]
        +++

W0330 = 上次生成到 { $output } 的页面 { $url } 这次没有了，指向它的链接会打不开{ $renamed ->
        [none] ；如果页面搬了家，请在接替它的页面里加上旧网址：`aliases = ["{ $url }"]`
       *[other] ；它是不是改名成了 { $renamed }？请在那个文件里加上 `aliases = ["{ $url }"]`
    }
    .explain = 上次生成到同一个输出文件夹的某个页面网址这次没有了，也没有别名把访客转过去：转发到群里、印在海报上或搜索引擎收录的链接都会打开“页面不存在”。如果页面改了名或搬了家，请在它的 `aliases` 里写上旧网址。`qiao build --strict` 会把这种情况当作错误。
    .wrong =
        # content/cases/old.md 改名为 content/cases/new.md
        +++
        title = "校企共建实训基地"
        +++
    .right =
        # content/cases/new.md
        +++
        title = "校企共建实训基地"
        aliases = ["/cases/old/"]
        +++

### area-04

E0401 = 链接 `{ $link }` 指向了 content/ 以外
    .explain = `.md` 链接指向内容文件：相对于当前文件，或者以 / 开头从 content/ 算起。
    .wrong =
        {""}[简介](../../README.md)
    .right =
        {""}[简介](/about.md)

E0402 = 链接 `{ $link }` 指向的 `{ $target }` 是草稿，不会发布；请发布它，或用 --drafts 生成
    .explain = 草稿不生成页面，链接到它会在发布的网站上失效。
    .wrong =
        {""}[新案例](/cases/draft-case.md)   # draft = true
    .right =
        {""}[新案例](/cases/draft-case.md)   # 已发布

E0403 = 链接 `{ $link }` 指向的 `{ $target }` 不存在
    .explain = 链接的内容文件不存在：漏了子文件夹、../ 的层数不对、文件改过名。
    .wrong =
        {""}[数控订单班](/cases/hengrui-cnc-order-class.md)
    .right =
        {""}[数控订单班](/cases/2024/hengrui-cnc-order-class.md)

E0404 = 链接 `{ $link }` 超出了网站根目录
    .explain = 相对链接里的 ../ 太多了。
    .wrong =
        {""}[首页](../../../)
    .right =
        {""}[首页](/)

E0405 = 链接 `{ $link }` 不是网站里的页面或文件（找的是 /{ $target }）
    .explain = 不以 .md 结尾的链接必须是生成后网站里的地址：某个页面，或者从 static/ 复制过去的文件（路径里不写 `static`）。
    .wrong =
        ![网络图](static/images/network.svg)
    .right =
        ![网络图](/images/network.svg)

E0406 = 链接 `{ $link }` 用了 `{ $scheme }:`，这是不允许的（它可能在访客的浏览器里运行脚本）；请链接到 http:// 或 https:// 网址
    .explain = javascript: 之类的链接会运行代码，网站不发布这样的链接。
    .wrong =
        {""}[报名](javascript:open())
    .right =
        {""}[报名](https://forms.example.org/signup)

E0407 = 正文嵌套了 { $depth } 层（引用、列表或 HTML 元素层层套在一起）；含有 HTML 的文件最多允许 { $max } 层
    .explain = 检查这么深的 HTML 会非常慢；这样的嵌套几乎总是错误（例如一个没闭合的标签被复制了很多次）。
    .wrong =
        <div><div><div>……（上千层）
    .right =
        <div>……</div>

### area-05

E0501 = 读不到 site.toml：{ $error }（`{ $root }` 是 qiao 站点吗？`qiao init 文件夹` 可以新建一个）
    .explain = 命令要在有 site.toml 的文件夹里运行，或者用 --root 指定这个文件夹。
    .wrong =
        qiao check --root ~/Desktop
    .right =
        qiao check --root ~/alliance-site

E0502 = { $key ->
        [none] site.toml 不是有效的 TOML：{ $detail }
       *[other] site.toml 在 `{ $key }` 处不是有效的 TOML：{ $detail }
    }
    .explain = TOML 解析器读不懂 site.toml，后面附上它的原话（英文）。
    .wrong =
        title = "浔江产教融合联盟"
        title = "联盟"
    .right =
        title = "浔江产教融合联盟"

E0503 = { $why ->
        [scheme] `base_url` `{ $value }` 必须以 http:// 或 https:// 开头
        [host] `base_url` `{ $value }` 缺少域名
       *[other] `base_url` `{ $value }` 不是有效的网址（{ $detail }）
    }
    .explain = base_url 是网站发布的完整地址，链接和订阅都以它为准。
    .wrong =
        base_url = "alliance.example.org"
    .right =
        base_url = "https://alliance.example.org/"

E0504 = `timezone` 必须是 IANA 时区名称，如 "Asia/Shanghai"，实际是 "{ $value }"
    .explain = 时区用“地区/城市”的名称表示，不写国家或时差。
    .wrong =
        timezone = "Beijing"
    .right =
        timezone = "Asia/Shanghai"

E0505 = `theme` 必须是 themes/ 下的文件夹名，实际是 "{ $value }"
    .explain = theme 写的是站点 themes/ 里的文件夹名，不是路径。
    .wrong =
        theme = "themes/alliance"
    .right =
        theme = "alliance"

E0506 = `{ $field }` 必须是加引号的名称
    .explain = 每个分类词的名称都是文字。
    .wrong =
        industries.new-materials = 新材料
    .right =
        industries.new-materials = "新材料"

E0507 = 写了 `theme = "{ $name }"`，但没有文件夹 `themes/{ $name }/`；删掉 `theme` 就会使用内置主题
    .explain = 主题文件夹不存在或名字写错了。
    .wrong =
        theme = "aliance"
    .right =
        theme = "alliance"   # themes/alliance/ 存在

E0508 = `[[menu]]` 链接到 `{ $url }`，但网站里没有这个页面
    .explain = 菜单项的 url 如果是站内路径，就必须是构建会生成的页面或文件（路径相对于 base_url 的路径，写 `/news/`，不要写完整网址）。完整网址（https://…）原样保留。
    .wrong =
        {""}[[menu]]
        name = "联盟动态"
        url = "/new/"
    .right =
        {""}[[menu]]
        name = "联盟动态"
        url = "/news/"

E0509 = { $why ->
        [default] `[languages.{ $value }]`：`{ $value }` 是网站本身的语言（`language = "{ $default }"`）；这里只列其他语言
       *[other] `[languages.{ $value }]`：`{ $value }` 不是语言代码（请写 `en`、`ja`、`zh-Hant`）
    }
    .explain = [languages] 下的每个表是网站的另一种语言，以 BCP 47 语言代码命名；网站本身的语言由 `language` 指定，放在网站根目录。
    .wrong =
        language = "zh"
        {""}[languages.english]
        title = "Xunjiang Alliance"
    .right =
        language = "zh"
        {""}[languages.en]
        title = "Xunjiang Alliance"

### area-06

E0601 = 模板错误：{ $detail }
    .explain = Tera 无法编译或渲染模板，后面附上它的原话（英文）。模板由网站开发者维护，编辑一般不需要改。
    .wrong =
        {"{"}{"{"} page.title | upper {"}"}
    .right =
        {"{"}{"{"} page.title | upper {"}"}{"}"}

E0602 = 模板错误：写了 `{"{"}% extends "{ $parent }" %{"}"}`，但没有模板 `{ $parent }`
    .explain = 被继承的模板不存在。
    .wrong =
        {"{"}% extends "bse.html" %{"}"}
    .right =
        {"{"}% extends "base.html" %{"}"}

E0603 = 模板错误：模板互相继承，形成了循环：{ $chain }
    .explain = 模板 a 继承 b，b 又继承 a，两个都无法渲染。
    .wrong =
        {"{"}% extends "page.html" %{"}"}   # 写在 page.html 里
    .right =
        {"{"}% extends "base.html" %{"}"}

E0604 = 模板错误：模板互相包含，形成了循环：{ $chain }
    .explain = 模板 a 包含 b，b 又包含 a。
    .wrong =
        {"{"}% include "card.html" %{"}"}   # 写在 card.html 里
    .right =
        {"{"}% include "badge.html" %{"}"}

E0605 = 模板错误：没有模板 `{ $name }`
    .explain = 被包含或渲染的模板不存在。
    .wrong =
        {"{"}% include "crad.html" %{"}"}
    .right =
        {"{"}% include "card.html" %{"}"}

E0606 = 模板不是 UTF-8 编码
    .explain = 模板和站点的其他文本文件一样，要用 UTF-8 编码。
    .wrong =
        （用 GBK 保存的模板）
    .right =
        （另存为 UTF-8 的模板）

E0607 = 不是有效的 TOML：{ $detail }
    .explain = 界面文字文件（i18n/<语言>.toml）读不懂，后面附上解析器的原话（英文）。
    .wrong =
        search = 搜索
    .right =
        search = "搜索"

E0608 = 无法读取界面文字：{ $error }
    .explain = 界面文字文件里有 qiao 用不了的值（例如日期）。
    .wrong =
        updated = 2025-03-18
    .right =
        updated = "更新于"

E0609 = 未知的分类词 { $term }
    .explain = 要生成的分类页没有对应的内容；这是 qiao 自身的问题，请报告。
    .wrong =
        （无）
    .right =
        （无）

### area-07

E0701 = 无法读取文件：{ $error }
    .explain = 文件存在但读不出来（没有权限，或者另一个程序正在写它）。
    .wrong =
        -rw------- root content/about.md
    .right =
        -rw-r--r-- editor content/about.md

E0702 = 无法读取：{ $error }
    .explain = content/ 下的某个文件夹无法列出内容。
    .wrong =
        drwx------ root content/cases
    .right =
        drwxr-xr-x editor content/cases

E0703 = 这是一个符号链接；qiao 不跟随 content/ 里的链接（它们可能指向站点以外）：请复制文件本身
    .explain = 符号链接可能把站点以外的文件带进来。
    .wrong =
        content/about.md -> /mnt/资料/about.md
    .right =
        content/about.md（复制过来的文件）

E0704 = 这是指向站点以外文件的符号链接；qiao 不复制站点文件夹以外的文件：请复制文件本身
    .explain = static/、templates/ 和 themes/ 里的文件必须在站点文件夹内。
    .wrong =
        static/logo.svg -> /mnt/资料/logo.svg
    .right =
        static/logo.svg（复制过来的文件）

E0705 = 无法读取模板：{ $error }
    .explain = 模板文件存在但读不出来。
    .wrong =
        -rw------- root templates/page.html
    .right =
        -rw-r--r-- editor templates/page.html

E0706 = 无法读取静态文件：{ $error }
    .explain = static/ 下的文件存在但读不出来。
    .wrong =
        -rw------- root static/logo.svg
    .right =
        -rw-r--r-- editor static/logo.svg

E0707 = 无法读取：{ $error }
    .explain = 界面文字文件存在但读不出来。
    .wrong =
        -rw------- root i18n/zh.toml
    .right =
        -rw-r--r-- editor i18n/zh.toml

### area-08

E0801 = `{ $field }` 指向的 `{ $value }` 不是图片
    .explain = 封面、标志和正文里的图片必须是 JPEG、PNG、WebP 或 SVG 文件。这个文件的内容根本不是图片：可能是改了扩展名的文档，或者下载时存下来的错误页面。
    .wrong =
        cover = "/images/report.jpg"   # 改名成 .jpg 的 Word 文件
    .right =
        cover = "/images/report-cover.jpg"   # 存成 JPEG 的照片

E0802 = `{ $field }` 指向的 `{ $value }` 是 { $format } 图片；qiao 只发布 JPEG、PNG、WebP 和 SVG：照片请另存为 JPEG，绘图请另存为 PNG
    .explain = 手机可能把照片存成 HEIC，有些软件会存成 BMP、TIFF 或 GIF；浏览器不一定能显示，qiao 也没法给它们做小尺寸副本。请把图片另存为 JPEG 或 PNG。
    .wrong =
        cover = "/images/visit.heic"
    .right =
        cover = "/images/visit.jpg"

E0803 = `{ $field }` 指向的 `{ $value }` 声明自己有 { $width } × { $height } 像素，超过 qiao 能打开的上限（{ $max } 百万像素）
    .explain = 这么大的图片打开要占用几 GB 内存（一个很小的文件也可能声明一张巨大的图，有意或无意）。手机照片大约 1200 万像素；请先把图片缩小再放进 static/。
    .wrong =
        cover = "/images/panorama.png"   # 30000 × 30000
    .right =
        cover = "/images/panorama.jpg"   # 4000 × 3000

E0804 = `{ $field }` 指向的 `{ $value }` 已损坏，无法打开：{ $error }
    .explain = 文件开头像图片，但内容不完整或已损坏，常见原因是复制或下载到一半中断了。请从原处重新复制这张图片。
    .wrong =
        cover = "/images/visit.jpg"   # 4 MB 的照片只有 1.2 MB
    .right =
        cover = "/images/visit.jpg"   # 完整的照片

E0805 = 无法读取或缓存 `{ $value }`（`{ $field }`）：{ $error }
    .explain = 图片存在但读不出来，或者 qiao 无法把它的小尺寸副本写进站点的 .qiao-cache/ 文件夹（没有权限，或者磁盘已满）。
    .wrong =
        -rw------- root static/images/visit.jpg
    .right =
        -rw-r--r-- editor static/images/visit.jpg

E0806 = `{ $value }` 不是 qiao 会去除元数据的文件类型；请写 { $expected }
    .explain = `[images] keep_metadata` 列出保留元数据（EXIF、XMP、GPS）发布的文件类型：jpeg、png 或 webp。除非必须发布这些元数据（例如照片作者要求版权信息随文件一起发布），否则不要写这一项。
    .wrong =
        {""}[images]
        keep_metadata = ["jpg"]
    .right =
        {""}[images]
        keep_metadata = ["jpeg"]

E0807 = 无法去除这张图片的元数据后发布：{ $error }
    .explain = 从 static/ 复制的每个 JPEG、PNG 和 WebP 文件发布时都会去掉 EXIF、XMP 和 GPS 信息，而这个文件无法按它的扩展名读取。请换成完好的文件，或者改成正确的扩展名。
    .wrong =
        static/images/map.png   # 其实是 JPEG，或者不完整
    .right =
        static/images/map.jpg

## Pieces of messages, progress lines, headings

did-you-mean = 是不是 { $names }？
did-you-mean-titled = 是不是 `{ $slug }`（{ $title }）？引用成员或政策要写它的 slug（文件名），不是名称
help-extra = 自定义信息请写在 [extra] 下面
help-add-file = 请新建 `content/{ $folder }/{ $slug }.md`，或改用已有的 slug
help-static-root = static/ 里的文件会复制到网站根目录，链接内容请写 `.md` 文件路径
help-relative-link = 相对链接从页面地址 /{ $page } 算起（从网站根目录算起请以 `/` 开头）
while-rendering = 出现在生成 /{ $page } 时
type-string = 文字
type-integer = 整数
type-number = 数字
type-boolean = true/false
type-date = 日期
type-time = 时刻
type-datetime = 日期时间
type-list = 列表
type-table = 表格
expect-string = 加英文双引号的文字
expect-boolean = true 或 false
expect-whole-number = 整数
expect-number = 数字
expect-list = 方括号里的列表，如 ["a", "b"]
expect-date = 形如 2025-03-18 的日期
hint-date = 发布日期，如 `date = 2025-03-18`
hint-type = university、college、enterprise、association、government、institute、investor 之一
hint-partners = 至少两个成员的 slug，如 ["school-a", "company-b"]
hint-modes = 合作模式，如 ["order-training"]
hint-issuer = 发文机关
hint-level = national、provincial、municipal、county 或 park
hint-issued = 文件的印发日期
hint-need = technology、talent、equipment、training、joint-rnd 或 consulting
hint-organization = 发布需求的成员的 slug
hint-deadline = 征集截止日期，如 `deadline = 2026-12-31`
hint-start = 开始时间，如 `start = 2026-05-20T14:00:00`
hint-organizer = 主办成员的 slug，或几个 slug 的列表
hint-base-url = 网站发布的地址，如 "https://alliance.example.org/"
hint-site-title = 网站名称
char-fullwidth-comma = 全角逗号
char-enumeration-comma = 顿号
char-fullwidth-colon = 全角冒号
char-fullwidth-equals = 全角等号
char-fullwidth-bracket = 全角方括号
char-fullwidth-brace = 全角花括号
char-fullwidth-paren = 全角圆括号
char-paren = 圆括号
char-ideographic-space = 全角空格
char-no-break-space = 不换行空格
char-chinese-double-quote = 中文引号
char-chinese-single-quote = 中文单引号
char-other = 字符
owner-home = 首页
owner-listing = { $kind } 的列表页
owner-site-feed = 全站的 Atom 订阅
owner-feed = { $kind } 的 Atom 订阅
owner-export = { $kind } 的 JSON 导出
owner-calendar = 路演日历
owner-matches = 需求的推荐对接伙伴
owner-search = 搜索页
owner-taxonomy = { $taxonomy } 分类页
owner-network = 合作网络页
owner-stats = 统计页
owner-finder = 政策查询页
owner-theme = 主题文件
owner-site-file = 网站的 { $name } 文件
owner-section = 栏目的列表页（及其分页和订阅源）
owner-other = { $what }
count-errors = { $count } 个错误
count-warnings = { $count } 个警告
progress-built = 已生成 { $count } 个文件，写入 { $dir }
progress-checked = 通过：检查了 { $count } 项内容，用时 { $ms } 毫秒
progress-created = 已在 { $dir } 创建新站点；试试：cd { $dir } && qiao serve
serve-port-taken = 端口 { $port } 已被占用，改用 { $actual }
serve-built = 已生成 { $count } 个文件，用时 { $ms } 毫秒
serve-first-errors = 网站有错误；修好之前先在浏览器里显示这些错误
serve-stopped = 已停止
new-no-site = { $dir } 里没有 site.toml：请在站点文件夹里运行，或用 --root 指定站点
new-bad-slug = `{ $slug }` 不能用作 slug：只能用 a-z、0-9、`-` 和汉字
new-unknown-kind = 没有 `{ $kind }` 这种内容：请用 members、cases、policies、demands、roadshows、page，或者栏目的文件夹名（news、notices）
new-exists = { $path } 已经存在；请换一个 slug
init-exists = { $dir } 里已经有站点了（site.toml 已存在）
cannot-write = 无法写入 { $path }：{ $error }
new-translate-bad-code = `{ $code }` 不是语言代码：请写成 en 或 en-US 这样
new-translate-default = `{ $code }` 就是网站本身的语言（site.toml 里的 language）：原文就是用它写的；请翻译成另一种语言
new-translate-undeclared = site.toml 里没有声明语言 `{ $code }`：请先在 site.toml 里加上 [languages.{ $code }]（写上这种语言的网站名称），再运行一次
new-translate-site-errors = site.toml 有错误：请先运行 qiao check 并改正，再运行一次
new-translate-no-original = 没有可翻译的原文：没有 { $path }，{ $folder } 下面的文件夹里也没有同名文件；请先建好原文
new-translate-no-page = 没有可翻译的原文：没有 { $path }；请先建好原文
new-translate-ambiguous = `{ $slug }` 对应不止一个文件（{ $paths }）：请写出它在 { $folder } 下面的路径，例如 { $example }
new-translate-original-errors = { $path } 有错误：请先改正（qiao check 会列出），再开始翻译
new-translate-exists = { $path } 已经存在：这篇译文已经开始了，请直接编辑那个文件
new-translate-same-language = { $path } 本身就是用 { $code } 写的（它写了 lang = "{ $code }"）：不需要再翻译成 { $code }
serve-page-ahead = { $what }：页面已更新，用时 { $ms } 毫秒；正在检查并生成其余部分
serve-scope = （涉及 { $count } 个页面）
serve-rebuilt = { $what }：重新生成用时 { $ms } 毫秒{ $scope }，{ $count ->
        [0] 没有文件变化
       *[other] { $count } 个文件有变化
    }
search-no-index = { $dir } 里没有搜索索引：请先生成网站（`qiao build`）
search-no-results = 没有找到 `{ $query }`
search-cannot-read = 无法读取 { $dir } 里的搜索索引：{ $error }
io-cannot-write = 无法写入 { $path }
io-cannot-create = 无法创建文件夹 { $path }
io-cannot-read-folder = 无法读取文件夹 { $path }
io-cannot-move = 无法把 { $from } 移到 { $to }
io-cannot-remove = 无法删除上一次生成的 { $path }
io-cannot-read = 无法读取 { $path }
io-output-is-root = 不能把网站写到 `{ $dir }`：这是文件系统的根目录
io-output-holds-sources = 不能把网站写到 `{ $dir }`：站点自己的源文件在里面（请换一个文件夹，比如 public/）
io-output-inside-source = 不能把网站写到 `{ $dir }`：它在站点的 { $source } 里面
io-output-not-folder = `{ $dir }` 已经存在，但不是文件夹
io-output-foreign = 不能替换 `{ $dir }`：它不是空的，也不是 qiao 生成的（没有 { $marker } 文件）；请换一个 --output-dir，或自己先删掉它
io-cannot-open-site = 无法打开站点文件夹 `{ $dir }`
io-cannot-listen = 无法监听 { $address }
io-kind-not-found = 文件或文件夹不存在
io-kind-permission-denied = 没有权限
io-kind-storage-full = 磁盘已满
io-kind-read-only = 文件系统是只读的
io-kind-quota = 磁盘配额已用完
io-kind-exists = 已经存在
io-kind-is-a-folder = 这是一个文件夹
io-kind-not-a-folder = 路径中有一段不是文件夹
io-kind-folder-not-empty = 文件夹不是空的
io-kind-crosses-devices = 在另一块磁盘上
io-kind-address-in-use = 地址已被别的程序占用
io-kind-address-not-available = 这个地址不属于本机
usage-unknown-option = 没有 `{ $arg }` 这个选项
usage-unknown-command = 没有 `{ $arg }` 这个命令；可用的命令有 { $commands }
usage-did-you-mean = 是不是 { $names }？
usage-and = { $first }；{ $second }
usage-bad-value = `{ $value }` 不是 `{ $arg }` 可以取的值；可以取 { $values }
usage-bad-date = `{ $arg }` 的值 `{ $value }` 不是日期：请写成 2026-05-20 这样
usage-bad-address = `{ $arg }` 的值 `{ $value }` 不是 IP 地址：试试 127.0.0.1
usage-bad-number = `{ $arg }` 的值 `{ $value }` 不是整数
usage-invalid = `{ $value }` 不是 `{ $arg }` 的有效值
usage-missing = `{ $command }` 还需要 { $args }
usage-no-command = qiao 需要一个命令：{ $commands }
usage-no-value = `{ $arg }` 后面要跟一个值
usage-unexpected = `{ $arg }` 不该出现在这里
usage-conflict = `{ $arg }` 不能和 { $other } 一起用
usage-other = 命令行有误：{ $error }
usage-line = 用法：{ $usage }
usage-more = 更多说明请运行 `{ $help }`
url-not-full = 没有以 https:// 或 http:// 开头
url-no-host = 缺少域名
url-bad-port = `:` 后面的端口不是 1 到 65535 的数字
url-bad-host = 域名里有不能用的字符（空格，或全角的句号 。、．？）
url-bad-ip = IP 地址不对
url-invalid = 无法识别这个网址
date-bad-month = 没有 { $month } 月：月份只能是 01 到 12
date-bad-day = { $year } 年 { $month } 月没有 { $day } 日：这个月最后一天是 { $last } 日
date-bad-time = 日期后面的时间不对，应写成 14:30:00 这样
date-unreadable = 请写成 2025-03-18，带时间的写成 2025-03-18T14:30:00
overlay-title = 站点有 { $count } 处错误
overlay-note = 页面显示的是上一次成功构建的版本，修改并保存文件后会自动更新。
serve-serving = 正在预览 { $url }（按 Ctrl-C 停止）
serve-errors = { $what }：网站有错误；继续显示上一个没有错误的版本
explain-heading = { $code }（{ $severity }，{ $area }）
explain-wrong = 错误写法：
explain-right = 正确写法：
explain-unknown = 没有错误代码 `{ $code }`；代码形如 E0107（全部代码见 docs/errors.md）
explain-unknown-near = 没有错误代码 `{ $code }`；是不是 { $near }？
severity-error = 错误
severity-warning = 警告：网站照常生成
area-01 = 文件和 front matter
area-02 = 字段
area-03 = 文件之间的引用
area-04 = 正文和链接
area-05 = site.toml
area-06 = 模板和主题
area-07 = 读取文件

### area-09

E0901 = 无法读取表格：{ $error }
    .explain = `qiao import` 读取 .xlsx、.xls、.ods 和 .csv 文件。文件不完整（下载或微信传输中断）或者并不是真正的表格文件时无法读取。请用 Excel 或 WPS 重新保存后再导入。
    .wrong =
        qiao import members 成员名录.xlsx   # 传到一半中断了
    .right =
        qiao import members 成员名录.xlsx   # 在 Excel 里“文件 → 另存为”重新保存
E0902 = 表格设置了密码；请另存一份不带密码的副本再导入
    .explain = 加密的工作簿没有密码就读不出来，qiao 也不会询问密码。在 Excel 中：文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码后另存一份。
    .wrong =
        qiao import members 加密名录.xlsx
    .right =
        qiao import members 名录-无密码.xlsx
E0903 = `.{ $ext }` 不是 qiao 能读取的表格格式；请使用 .xlsx、.xls、.ods 或 .csv
    .explain = qiao 读取 Excel（.xlsx、.xls）、OpenDocument（.ods）和 CSV 文件。其他格式（.numbers、.et、.wps）请先另存为其中一种。
    .wrong =
        qiao import members 名录.numbers
    .right =
        qiao import members 名录.xlsx
E0904 = 没有名为 `{ $sheet }` 的工作表；这个工作簿里有 { $sheets }
    .explain = --sheet 指定工作簿中的一个工作表，名字要和标签上的完全一致。不写 --sheet 时读取第一个工作表。
    .wrong =
        qiao import members 名录.xlsx --sheet 成员
    .right =
        qiao import members 名录.xlsx --sheet 成员名录
E0905 = 工作表是空的：第一行必须是列名（`title`/`名称`、`type`/`类型`……）
    .explain = 表格第一行写列名，下面每一行生成一个内容文件。
    .wrong =
        （空白工作表）
    .right =
        名称 | 类型 | 网址
        恒锐精密 | 企业 | https://hengrui.example.com/
E0906 = 工作表只有表头，没有数据行，没有可导入的内容
    .explain = 表头下面的每一行生成一个内容文件；只有表头的表格什么也生成不了。
    .wrong =
        名称 | 类型
    .right =
        名称 | 类型
        恒锐精密 | 企业
E0907 = 列 `{ $name }` 不是 { $kind } 的字段
    .explain = 每个列名对应一个字段，可以写字段名（`title`、`contact.email`），也可以写编辑指南里的中文名（`名称`、`联系邮箱`）。请改列名；如果这一列只是备注、不属于网站内容，请删掉它。
    .wrong =
        名称 | 类别
    .right =
        名称 | 类型
E0908 = 列 `{ $name }` 重复了（第一次出现在 { $first }）
    .explain = 两列对应同一个字段（可能一列写英文、一列写中文），qiao 不知道该用哪一列。请只保留一列。
    .wrong =
        名称 | 类型 | type
    .right =
        名称 | 类型
E0909 = 有合并单元格（{ $range }）：每个值必须单独占一个单元格
    .explain = 合并单元格让多行或多列共用一个值，逐行读取时无法区分。请取消合并（开始 → 合并后居中 → 取消合并单元格），并把每个单元格都填上。
    .wrong =
        （B2:B4 合并，只显示一次“企业”）
    .right =
        （B2、B3、B4 都填“企业”）
E0910 = 单元格里是公式；只能导入数值（复制后“选择性粘贴 → 数值”）
    .explain = 公式的结果取决于计算它的软件，有些软件保存的文件里根本没有计算结果。请复制这一列，再“选择性粘贴 → 数值”，只保留值。
    .wrong =
        =CONCAT(A2, "学院")
    .right =
        浔江职业技术学院
E0911 = 工作表超过 { $limit } 行；请分批导入
    .explain = 导入时每一行生成一个内容文件。这么长的表格几乎总是弄错了（某一列被填到了最底部，或者整个数据库都导了出来），qiao 会停止读取，不会占满内存。
    .wrong =
        （1,000,000 行）
    .right =
        （成员名录的 300 行）
E0912 = 文件第 { $line } 行不是有效的 { $encoding } 编码（偏移 { $offset } 处的字节 0x{ $byte }）：请把整个文件存成同一种编码，或用 --encoding 指定
    .explain = CSV 文件按 UTF-8（带或不带 BOM）读取；不是 UTF-8 时按 GB18030/GBK 读取（中文 Windows 上的 Excel 默认这样保存）。把不同编码的文件拼在一起，就会一部分行是 GBK、一部分行是 UTF-8。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”。
    .wrong =
        （同一个文件里既有 GBK 保存的行，又有 UTF-8 保存的行）
    .right =
        （整个文件另存为 CSV UTF-8）
E0914 = `{ $slug }` 已经存在（{ $path }）；要用表格改写它的字段，请加 --update
    .explain = 不加 --update 时导入只新增文件，避免表格意外覆盖编辑写好的内容。加上 --update 后，qiao 只改写表格里有的字段，其他字段和正文原样保留。
    .wrong =
        qiao import members 名录.xlsx
    .right =
        qiao import members 名录.xlsx --update
E0915 = 两行的 slug 都是 `{ $slug }`（第一次在第 { $row } 行）
    .explain = 每一行生成一个以 slug 命名的文件；两行同一个 slug 会写同一个文件两次。请给其中一行换一个标识（`标识` 列）。
    .wrong =
        标识 | 名称
        hengrui | 恒锐精密
        hengrui | 恒锐检测
    .right =
        标识 | 名称
        hengrui | 恒锐精密
        hengrui-testing | 恒锐检测
E0916 = 单元格里是错误值 `{ $value }`；请填入它应有的值
    .explain = 显示 #N/A、#DIV/0!、#REF! 的单元格里没有可导入的值。
    .wrong =
        #N/A
    .right =
        2025-03-18
E0917 = 这一行既没有标识也没有名称，无法确定文件名
    .explain = 每一行的文件名是它的标识（`标识` 列），或 qiao 根据名称（`名称`/`标题`）生成的 slug。请填其中一个，或者删掉这一行。
    .wrong =
        标识 | 名称 | 类型
             |      | 企业
    .right =
        标识 | 名称 | 类型
             | 恒锐精密 | 企业
E0918 = 这一列有内容但没有列名：请写上列名，或者删掉这一列
    .explain = 每一列有内容的列都需要在第一行写上列名，qiao 才知道它填的是哪个字段。
    .wrong =
        名称 |      
        恒锐精密 | 企业
    .right =
        名称 | 类型
        恒锐精密 | 企业

sheet-imported = 检查了 { $count } 行：新增 { $created } 个，更新 { $updated } 个，未变 { $unchanged } 个
sheet-did-you-mean-title = 是不是 `{ $title }`（`{ $slug }`）？单元格里引用成员或政策要写 slug 或完整、准确的名称
sheet-dry-run = 试运行：没有写入任何文件
sheet-slug = { $cell }：`{ $title }` → slug `{ $slug }`
sheet-exported = 已把 { $count } 行写入 { $file }
area-09 = 表格（导入和导出）
area-08 = 图片
