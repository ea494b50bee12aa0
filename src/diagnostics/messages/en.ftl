# qiao's messages in English. Every diagnostic code has its message (the id is
# the code) with `.explain`, `.wrong` and `.right` for `qiao explain` and
# docs/errors.md; the other ids are pieces of messages and progress lines.
# zh.ftl has the same ids. After an edit: QIAO_BLESS=1 cargo test --lib errors_md

## Diagnostics

### area-01

E0101 = the file is not valid UTF-8: byte 0x{ $byte } at byte offset { $offset }; save the file as UTF-8
    .explain = qiao reads text files as UTF-8 only. A file saved as GBK or GB2312 (common in older Chinese editors and Excel) has bytes that are not UTF-8; the message points at the first one.
    .wrong =
        (a file saved as GBK: 标题 in GBK bytes)
    .right =
        (the same file saved as UTF-8: 另存为 → 编码 UTF-8)

E0102 = the file is empty; a content file starts with TOML front matter between `+++` lines, with at least `title` and `date`
    .explain = An empty Markdown file under content/ is not a page. Write its front matter, or delete the file.
    .wrong =
        (an empty file)
    .right =
        +++
        title = "联盟简介"
        date = 2025-03-18
        +++

E0103 = expected `+++` on the first line: a content file starts with TOML front matter between two `+++` lines
    .explain = The first line of every content file is `+++`; blank lines or text before it are not allowed.
    .wrong =
        联盟简介
        +++
        title = "联盟简介"
        +++
    .right =
        +++
        title = "联盟简介"
        +++

E0104 = front matter is TOML between `+++` lines, not YAML between `---` lines: replace both `---` lines with `+++` and write `key = "value"` instead of `key: value`
    .explain = Other site generators use YAML front matter between `---` lines; qiao uses TOML between `+++` lines.
    .wrong =
        ---
        title: 联盟简介
        ---
    .right =
        +++
        title = "联盟简介"
        +++

E0105 = front matter is not closed: add a line `+++` after the last field (the first `+++` is on line 1)
    .explain = The front matter ends at the second `+++` line, which must stand alone on its line.
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
        [none] front matter is not valid TOML: { $detail }
       *[other] front matter is not valid TOML at `{ $key }`: { $detail }
    }
    .explain = The TOML parser could not read the front matter; its own words (in English) follow. Common causes: a value without quotes, a field written twice, an inline table `{"{"} … {"}"}` broken over lines, an impossible date.
    .wrong =
        +++
        title = "A"
        title = "B"
        +++
    .right =
        +++
        title = "B"
        +++

E0107 = { $name } `{ $char }` around a value: TOML needs straight quotes `{ $ascii }`; write the line as `{ $fixed }`
    .explain = A Chinese input method types curly quotes “…” and ‘…’; TOML only knows the straight quotes " and '. Switch the input method to English punctuation (中/英 key, or Ctrl+.) when typing quotes.
    .wrong =
        title = “数控订单班”
    .right =
        title = "数控订单班"

E0108 = { $name } `{ $char }` in front matter: TOML needs { $ascii ->
        [space] an ordinary space
       *[other] `{ $ascii }`
    }; write the line as `{ $fixed }`
    .explain = Full-width punctuation (，、：＝【】［］｛｝ and the full-width space) looks like TOML's own but is another character. Outside quotes, TOML needs the ASCII ones: , = [ ] {"{"} {"}"} and a plain space. Round brackets, （） or (), are not TOML at all: a list is written in [ ], a table in {"{"} {"}"}. Inside quotes any character is fine.
    .wrong =
        partners = ["xunjiang-polytechnic"，"hengrui-precision"]
    .right =
        partners = ["xunjiang-polytechnic", "hengrui-precision"]

E0109 = the date `{ $found }` is not written the TOML way: write `{ $date }` (year-month-day joined by `-`, two-digit month and day, no quotes); write the line as `{ $fixed }`
    .explain = Dates are written 2025-03-18: four-digit year, two-digit month and day, joined by -. Forms like 2025/3/18, 2025.3.18, 2025年3月18日 or 2025-3-8 are not dates to TOML. A quoted 2025-03-18 is read as a date too.
    .wrong =
        date = 2025/3/18
    .right =
        date = 2025-03-18

E0110 = `key: value` is YAML; TOML writes `key = value`: write the line as `{ $fixed }`
    .explain = In TOML a key and its value are joined by =, not by a colon.
    .wrong =
        title: "联盟简介"
    .right =
        title = "联盟简介"

E0111 = `{ $value }` has a backslash `\` that TOML reads as the start of an escape (like `\n`); write each backslash twice, or put the value in single quotes; write the line as `{ $fixed }`
    .explain = Inside double quotes a backslash starts an escape: \n is a line break, \u0041 a character. A backslash meant as itself is written \\, or the value is put in single quotes, which keep it as written.
    .wrong =
        doc_number = "浔政办\发〔2025〕3号"
    .right =
        doc_number = '浔政办\发〔2025〕3号'

E0112 = `{ $field }` is inside `[{ $table }]`: TOML puts every line after the `[{ $table }]` line into that table; move `{ $field } = …` above the `[{ $table }]` line
    .explain = A [table] line opens a table that lasts to the end of the front matter (or the next [table] line). A field written below it belongs to the table, not to the page. Keep [extra], [[outcomes]], [[projects]] and [[incentives]] last.
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

E0113 = text must be in straight double quotes: write the line as `{ $fixed }`
    .explain = In TOML every text value is quoted; only numbers, dates and true/false go without quotes.
    .wrong =
        title = 数控订单班
    .right =
        title = "数控订单班"

### area-02

E0201 = { $hint ->
        [none] missing required field `{ $field }`
       *[other] missing required field `{ $field }` ({ $hint })
    }
    .explain = Every kind has fields it cannot do without (a case its partners, a demand its deadline). `qiao new` writes a file with all of them. A misspelt field name gives this error and an unknown-field error together.
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

E0202 = unknown field `{ $field }`
    .explain = The field is not one of this kind's (a misspelling, the singular of a list field like `industry` for `industries`, or a name written in Chinese). Free-form data goes under [extra].
    .wrong =
        industry = ["intelligent-manufacturing"]
    .right =
        industries = ["intelligent-manufacturing"]

E0203 = { $value ->
        [none] `{ $field }` must be { $expected }, found { $found }
       *[other] `{ $field }` must be { $expected }, found { $found } { $value }
    }
    .explain = The value has the wrong type: a number in quotes, a single value where a list in square brackets is needed, a date where a date and time is needed.
    .wrong =
        trl = "6"
        tags = "AI"
    .right =
        trl = 6
        tags = ["AI"]

E0204 = `{ $field }` must not be empty
    .explain = A text field that is written must say something; leave the field out instead.
    .wrong =
        summary = ""
    .right =
        summary = "研究院出算法、企业出场景。"

E0205 = `{ $field }` must be between { $min } and { $max }, found { $found }
    .explain = The number is out of its range; the technology readiness level `trl`, for instance, is 1 to 9.
    .wrong =
        trl = 12
    .right =
        trl = 6

E0206 = `{ $field }` must be a finite number, found { $found }
    .explain = inf and nan are numbers to TOML but not to a budget or an outcome.
    .wrong =
        value = inf
    .right =
        value = 120

E0207 = { $near ->
        [none] `{ $field }` must be one of { $allowed }, found `{ $value }`
       *[other] `{ $field }` has an unknown value `{ $value }`; did you mean { $near }? (allowed: { $allowed })
    }
    .explain = Fields like type, modes, level, status and need take one of a fixed list of English values; the message lists them. Mind hyphens and lower case.
    .wrong =
        type = "univercity"
    .right =
        type = "university"

E0208 = `{ $field }` is not a valid date: `{ $value }` ({ $why })
    .explain = The text in quotes is not a date (or not a real one, like 2025-02-30).
    .wrong =
        date = "2025-02-30"
    .right =
        date = 2025-02-28

E0209 = `{ $field }` must be a date like 2025-03-18, without a time of day
    .explain = Fields like joined, issued and deadline are whole days.
    .wrong =
        deadline = 2026-12-31T18:00:00
    .right =
        deadline = 2026-12-31

E0210 = `{ $field }` must be a date and time like 2026-05-20T14:00:00, found a date only
    .explain = A roadshow's start and end are moments: a date, a capital T, and the time of day.
    .wrong =
        start = 2026-05-20
    .right =
        start = 2026-05-20T14:00:00

E0211 = { $scheme ->
        [none] `{ $field }` is not a valid web address: `{ $value }` ({ $detail }); write it in full, like https://example.org/
       *[other] `{ $field }` must be an http:// or https:// address, found scheme `{ $scheme }:`
    }
    .explain = Web addresses are written in full, with https:// or http://.
    .wrong =
        website = "www.example.org"
    .right =
        website = "https://www.example.org/"

E0212 = `{ $field }` must be a table like { $example }, found { $found }
    .explain = The field holds several named values, in an inline table or under its own [table] line.
    .wrong =
        venue = "报告厅"
    .right =
        {""}[venue]
        name = "报告厅"
        city = "浔江"

E0213 = `slug` may use only a-z, 0-9, `-` and Chinese characters, found "{ $value }" (not allowed: { $bad })
    .explain = A slug is a segment of the page's address: lower-case letters, digits, hyphens and Chinese characters.
    .wrong =
        slug = "Precision_RND"
    .right =
        slug = "precision-rnd"

E0214 = the file name `{ $name }` cannot be a URL: use only a-z, 0-9, `-` and Chinese characters, or set `slug = "..."`
    .explain = Without a slug field, the file name is the page's address; rename the file or give it a slug.
    .wrong =
        content/cases/Joint Lab.md
    .right =
        content/cases/joint-lab.md

E0215 = the path segment `{ $segment }` cannot be a URL: use only a-z, 0-9, `-` and Chinese characters in folder and file names
    .explain = A plain page's address is its path under content/, so every folder name is part of it.
    .wrong =
        content/About Us/index.md
    .right =
        content/about/index.md

E0216 = `{ $field }` terms are slugs (a-z, 0-9, `-`), found "{ $value }"; write "{ $slug }" and give its label in site.toml [taxonomies]
    .explain = Industries and regions are fixed categories named by slugs; their display names are set once in site.toml.
    .wrong =
        industries = ["Intelligent Manufacturing"]
    .right =
        industries = ["intelligent-manufacturing"]

E0217 = `{ $field }` must be a language tag like "zh" or "en", found "{ $value }"
    .explain = Languages are written as BCP 47 tags: zh, en, zh-Hant.
    .wrong =
        lang = "中文"
    .right =
        lang = "zh"

E0218 = `cover` needs `cover_alt`: a short description of the image for people who cannot see it
    .explain = Screen readers read the description aloud; it says what the image shows.
    .wrong =
        cover = "/images/cases/cnc.svg"
    .right =
        cover = "/images/cases/cnc.svg"
        cover_alt = "两名订单班学员站在数控机床旁"

E0219 = `contact.email` must be an email address like name@example.org, found "{ $value }"
    .explain = An email address has a name, @ and a domain with a dot.
    .wrong =
        contact = {"{"} email = "liwen at example.org" {"}"}
    .right =
        contact = {"{"} email = "liwen@example.org" {"}"}

E0220 = `{ $later }` ({ $later_value }) is before `{ $earlier }` ({ $earlier_value }); it must not be
    .explain = An end date before its start: a case that ended before it started, a policy that expires before it takes effect. Usually a mistyped year or month.
    .wrong =
        started = 2025-05-01
        ended = 2024-01-01
    .right =
        started = 2024-01-01
        ended = 2025-05-01

E0221 = `partners` needs at least two members, found { $found }
    .explain = A case is cooperation between members: list at least two. A partner that is not yet a member gets a member file first.
    .wrong =
        partners = ["xunjiang-polytechnic"]
    .right =
        partners = ["xunjiang-polytechnic", "hengrui-precision"]

E0222 = `modes` needs at least one cooperation mode
    .explain = An empty list says nothing about how the members cooperate.
    .wrong =
        modes = []
    .right =
        modes = ["order-training"]

E0223 = `budget.currency` must be a three-letter currency code like "CNY", found "{ $value }"
    .explain = Currencies are ISO 4217 codes in capitals; without one, the budget is in CNY.
    .wrong =
        budget = {"{"} amount = 200000, currency = "元" {"}"}
    .right =
        budget = {"{"} amount = 200000, currency = "CNY" {"}"}

E0224 = `{ $field }` must not be negative
    .explain = A budget is an amount of money, zero or more.
    .wrong =
        budget = {"{"} amount = -5000 {"}"}
    .right =
        budget = {"{"} amount = 5000 {"}"}

E0225 = `budget.max` ({ $max }) is less than `budget.min` ({ $min })
    .explain = A range's maximum is its larger end; swap the two, or check for a missing or extra zero.
    .wrong =
        budget = {"{"} min = 800000, max = 300000 {"}"}
    .right =
        budget = {"{"} min = 300000, max = 800000 {"}"}

E0226 = `budget.negotiable` can only be true; leave `budget` out if there is none
    .explain = negotiable = true says the budget is open; a demand without a budget leaves the field out.
    .wrong =
        budget = {"{"} negotiable = false {"}"}
    .right =
        budget = {"{"} negotiable = true {"}"}

E0227 = `budget` must be one of { $example }
    .explain = A budget is a range (min and max), an amount, or negotiable; not a mix.
    .wrong =
        budget = {"{"} min = 100000, amount = 200000 {"}"}
    .right =
        budget = {"{"} min = 100000, max = 300000 {"}"}

E0228 = `end` ({ $end }) must be after `start` ({ $start })
    .explain = A roadshow ends after it starts; check the date and the hour (14:00, not 2:00).
    .wrong =
        start = 2026-05-20T14:00:00
        end = 2026-05-20T10:00:00
    .right =
        start = 2026-05-20T14:00:00
        end = 2026-05-20T17:00:00

E0229 = `venue` needs at least a `name`, `address` or `city`
    .explain = A venue says where the roadshow takes place.
    .wrong =
        {""}[venue]
        room = "302"
    .right =
        {""}[venue]
        name = "浔江科技大厦"
        address = "江滨大道 1 号"

E0230 = a roadshow needs `venue` (where it takes place) or `online_url` (where to watch), or both
    .explain = Visitors need to know where to go or where to watch.
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

E0231 = `content/{ $folder }/` is a section (its pages have a `date`), so this page needs `date` too
    .explain = A top-level folder of content/ that is not one of the five kinds and holds pages with a date (or has an _index.md) is a section: its pages are listed newest first, in a feed and on the home page, so each needs its publication date. A folder of pages without dates (content/join/) keeps plain pages.
    .wrong =
        +++
        title = "关于召开 2026 年度理事会的通知"
        +++
    .right =
        +++
        title = "关于召开 2026 年度理事会的通知"
        date = 2026-11-20
        +++

E0232 = `pinned` only applies to a page of a section (a folder such as content/notices/ whose pages have a `date`)
    .explain = Pinned (置顶) pages come first in their section's listing and home page block. This page is a plain page, which is in no listing: remove `pinned`, or give the folder's pages a `date`.
    .wrong =
        # content/join/how.md, a plain page
        pinned = true
    .right =
        # content/notices/council-2026.md
        date = 2026-11-20
        pinned = true

E0240 = `{ $field }` is a fact, not text: a translation takes it from the original { $original }; remove it here
    .explain = A translation (x.en.md beside x.md) carries only what a translator translates: title, summary, body, tags, cover_alt, the labels of outcomes, the text of incentives, the venue's and projects' text, and [extra]. Dates, slugs, references to members and policies, enumerations, numbers, URLs, industries and regions come from the original, so a translation can never change a fact by mistake. Change a fact in the original file.
    .wrong =
        # content/cases/x.en.md
        title = "CNC order class"
        date = 2025-03-18
    .right =
        # content/cases/x.en.md (the date is the original's)
        title = "CNC order class"

E0241 = this translation has no original: there is no { $original }
    .explain = A file named x.en.md is the English translation of x.md in the same folder. Either the original is missing or misnamed, or the file is not a translation: then name it without the language (x.md) and give it all the fields of its kind.
    .wrong =
        content/cases/cnc-order.en.md   # no content/cases/cnc-order.md
    .right =
        content/cases/cnc-order.md
        content/cases/cnc-order.en.md

E0242 = { $why ->
        [default] `{ $lang }` is the site's own language: the original is the { $lang } version; name this file without `.{ $lang }`
       *[other] the site declares no language `{ $lang }`; add `[languages.{ $lang }]` to site.toml (declared: { $declared })
    }
    .explain = A translation's language is the part before .md (x.en.md is English). The site publishes only the languages site.toml declares under [languages], each under its own folder (/en/).
    .wrong =
        # site.toml has no [languages.en]
        content/about.en.md
    .right =
        # site.toml
        {""}[languages.en]
        title = "Xunjiang Industry–Education Alliance"

E0243 = `{ $field }` has more entries than the original { $original } ({ $count }); a translation translates the original's entries in their order
    .explain = outcomes, incentives and projects are translated by position: the first entry of the translation is the first of the original. An entry is added in the original, with its facts, and then translated.
    .wrong =
        # the original has one outcome
        {""}[[outcomes]]
        label = "Students trained"
        {""}[[outcomes]]
        label = "Graduates hired"
    .right =
        {""}[[outcomes]]
        label = "Students trained"

E0244 = this page's address `/{ $url }` is in `/{ $lang }/`, the folder of the site's { $lang } pages; write the { $lang } version as a translation beside its original ({ $suggestion })
    .explain = A site that declares another language ([languages.en]) publishes that language's pages under its folder (/en/). A page of the site's own language there would take an address of that language's pages. Translate the original instead: content/about.en.md beside content/about.md is published at /en/about/.
    .wrong =
        content/en/about.md
    .right =
        content/about.en.md   # the translation of content/about.md

### area-03

E0301 = unknown { $what -> 
        [member] member
       *[other] policy
    } `{ $slug }` in `{ $field }`
    .explain = partners, organization, organizer and a project's team name members by slug (the file name under content/members/); policies names policies by slug. A member's title (its name) is not its slug.
    .wrong =
        partners = ["示例职业技术学院", "hengrui-precision"]
    .right =
        partners = ["example-college", "hengrui-precision"]

E0302 = `{ $slug }` in `{ $field }` is a draft (`{ $source }` has `draft = true`); publish it, or build with --drafts
    .explain = A published page cannot link to a draft: the draft has no page.
    .wrong =
        draft = true   # in content/members/gamma.md
    .right =
        # draft = true removed from content/members/gamma.md

E0303 = duplicate slug `{ $slug }` in { $folder }: `{ $earlier }` already uses it; set a different `slug` or rename the file
    .explain = Two files of one kind have the same slug, often files of the same name in different subfolders. The later file in path order gets the error.
    .wrong =
        content/cases/2024/x.md
        content/cases/2025/x.md
    .right =
        content/cases/2024/x.md
        content/cases/2025/x.md   # slug = "x-2025"

E0304 = this page's URL /{ $url } belongs to { $owner }, which qiao writes itself; { $page ->
        [yes] rename the file or its folder
       *[other] set a different `slug` or rename the file
    }
    .explain = qiao writes some addresses itself (the home page, listings, search, taxonomy pages, feeds); a page cannot take one.
    .wrong =
        content/search/help.md
    .right =
        content/help/search.md

E0305 = this page's URL /{ $url } is already used by `{ $earlier }`
    .explain = Two pages would be written to the same address, such as content/join.md and content/join/index.md.
    .wrong =
        content/join.md
        content/join/index.md
    .right =
        content/join/index.md

E0306 = `{ $field }` image `{ $value }` does not exist; put it under static/ ({ $path })
    .explain = Images live in the site's static/ folder and are written from the site root, without `static`: static/images/x.jpg is /images/x.jpg.
    .wrong =
        cover = "/images/cnc.jpg"   # no static/images/cnc.jpg
    .right =
        cover = "/images/cnc.jpg"   # static/images/cnc.jpg exists

E0307 = `{ $field }` is a path on your computer (`{ $value }`), which the site cannot show: put the image in the site's static/images/ folder and write `{ $image }`
    .explain = The site is published without your computer's files. Copy the image into static/images/ of the site and write its path from the site root.
    .wrong =
        cover = "C:\Users\liwen\Desktop\cnc.jpg"
    .right =
        cover = "/images/cnc.jpg"

E0308 = `{ $field }` starts with `static/`: files under static/ are published at the site root, so write `{ $fixed }`{ $exists ->
        [yes] {""}
       *[other] {" "}(and put the file at static{ $fixed })
    }
    .explain = static/ is the folder the files come from, not part of their address.
    .wrong =
        cover = "static/images/cnc.jpg"
    .right =
        cover = "/images/cnc.jpg"

W0309 = `{ $label }` in `{ $field }` is the label of `{ $slug }`: write the slug, `{ $slug }` (read as `{ $slug }` for now)
    .explain = Industries and regions are written as their slugs; site.toml gives each slug its label. A label is understood, but the file should say the slug.
    .wrong =
        industries = ["智能制造"]
    .right =
        industries = ["intelligent-manufacturing"]

W0310 = `{ $slug }` in `{ $field }` has no label in site.toml, so the site shows it as written; add `{ $field }.{ $slug } = "…"` under [taxonomies]
    .explain = While site.toml labels no industry (or no region) at all, a slug is shown on the site as written, so this is only a warning. Once site.toml labels one, its labels are the whole list and a slug outside it is an error (E0335).
    .wrong =
        # site.toml has no [taxonomies]
        # content/cases/x.md
        industries = ["new-materials"]
    .right =
        # site.toml
        {""}[taxonomies]
        industries.new-materials = "新材料"

E0335 = `{ $slug }` in `{ $field }` is not on the site's list ([taxonomies] in site.toml labels { $field ->
        [regions] { $count ->
            [one] 1 region
           *[other] { $count } regions
        }
       *[other] { $count ->
            [one] 1 industry
           *[other] { $count } industries
        }
    }); if it is new, add `{ $field }.{ $slug } = "…"` under [taxonomies]
    .explain = The labels under [taxonomies] in site.toml are the site's list of industries and regions. A slug outside it is most likely misspelt: it would split the site into a separate category shown by its slug. A new industry or region gets its label in site.toml first.
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
E0320 = `{ $value }` in `aliases` is not a path of this site: write the old address from the site's root, starting with `/`, such as `/cases/old-name/`
    .explain = An alias is the address a page had before it moved (a link shared in a WeChat group, say). Write only its path below the site's address: no `https://`, no host, no `?` or `#` part, no spaces, no `..`.
    .wrong =
        aliases = ["https://alliance.example.org/cases/old-name/"]
    .right =
        aliases = ["/cases/old-name/"]

E0321 = the alias `{ $alias }` is an address of { $owner }, which qiao writes itself; an old address can only be one that no page of the site uses now
    .explain = An alias gets a small page that sends visitors on to the page that moved. It cannot take an address where the site already has a page of its own (the home page, listings, search, tags, feeds…).
    .wrong =
        aliases = ["/cases/"]
    .right =
        aliases = ["/cases/old-name/"]

E0322 = the alias `{ $alias }` is the address of the page `{ $source }`; remove the alias, or move or rename that page first
    .explain = An old address that a page of the site uses again cannot send visitors elsewhere: the page is written there, not the redirect.
    .wrong =
        # content/cases/new.md, while content/cases/old.md still exists
        aliases = ["/cases/old/"]
    .right =
        # content/cases/old.md renamed to content/cases/new.md
        aliases = ["/cases/old/"]

E0323 = the alias `{ $alias }` is already an alias of `{ $earlier }`; one old address can send visitors to one page only
    .explain = Two pages (or one page twice) name the same old address in `aliases`. Keep it on the page that replaces the old one and remove it from the other.
    .wrong =
        # content/cases/a.md and content/cases/b.md
        aliases = ["/cases/old/"]
    .right =
        # content/cases/a.md only
        aliases = ["/cases/old/"]

E0324 = the page { $url } of the last build in { $output } is gone from this build, and --strict does not allow it{ $renamed ->
        [none] ; if it moved, add its old address to the page that replaces it, `aliases = ["{ $url }"]`, or build without --strict
       *[other] ; was it renamed to { $renamed }? add `aliases = ["{ $url }"]` to it
    }
    .explain = With --strict a build fails (and writes nothing) when a page address that the last build in the same folder published is gone and no alias sends its visitors on. Links shared in chats and printed on posters would break otherwise.
    .wrong =
        # content/cases/old.md renamed to content/cases/new.md
        +++
        title = "校企共建实训基地"
        +++
    .right =
        # content/cases/new.md
        +++
        title = "校企共建实训基地"
        aliases = ["/cases/old/"]
        +++

W0330 = the page { $url } of the last build in { $output } is gone from this build, so links to it will break{ $renamed ->
        [none] ; if it moved, add its old address to the page that replaces it: `aliases = ["{ $url }"]`
       *[other] ; was it renamed to { $renamed }? add `aliases = ["{ $url }"]` to it
    }
    .explain = A page address that the last build in the same output folder published is gone and no alias sends its visitors on: links shared in chats, printed on posters or found by search engines now lead to the "not found" page. If the page was renamed or moved, give the page its old address in `aliases`. `qiao build --strict` makes this an error.
    .wrong =
        # content/cases/old.md renamed to content/cases/new.md
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

E0401 = link `{ $link }` points outside content/
    .explain = A `.md` link names a content file, relative to the linking file or from content/ when it starts with /.
    .wrong =
        {""}[简介](../../README.md)
    .right =
        {""}[简介](/about.md)

E0402 = link `{ $link }` points to `{ $target }`, which is a draft and is not published; publish it, or build with --drafts
    .explain = A draft has no page, so a link to it would be broken on the published site.
    .wrong =
        {""}[新案例](/cases/draft-case.md)   # draft = true
    .right =
        {""}[新案例](/cases/draft-case.md)   # published

E0403 = link `{ $link }` points to `{ $target }`, which does not exist
    .explain = The linked content file is not there: a missing subfolder, a wrong number of ../, a renamed file.
    .wrong =
        {""}[数控订单班](/cases/hengrui-cnc-order-class.md)
    .right =
        {""}[数控订单班](/cases/2024/hengrui-cnc-order-class.md)

E0404 = link `{ $link }` points above the site root
    .explain = Too many ../ in a relative link.
    .wrong =
        {""}[首页](../../../)
    .right =
        {""}[首页](/)

E0405 = link `{ $link }` is not a page or file of the site (looked for /{ $target })
    .explain = A link without .md must be an address the built site has: a page, or a file copied from static/ (without `static` in the path).
    .wrong =
        ![网络图](static/images/network.svg)
    .right =
        ![网络图](/images/network.svg)

E0406 = link `{ $link }` uses the scheme `{ $scheme }:`, which is not allowed (it could run script in a visitor's browser); link to an http:// or https:// address
    .explain = javascript: and similar links run code; the site does not publish them.
    .wrong =
        {""}[报名](javascript:open())
    .right =
        {""}[报名](https://forms.example.org/signup)

E0407 = the text is nested { $depth } levels deep (block quotes, lists or HTML elements inside each other); qiao accepts at most { $max } levels in a file with raw HTML
    .explain = Checking raw HTML this deep would take very long; such nesting is almost always a mistake (an unclosed tag copied many times).
    .wrong =
        <div><div><div>… (1000 levels)
    .right =
        <div>…</div>

### area-05

E0501 = cannot read site.toml: { $error } (is `{ $root }` a qiao site? `qiao init DIR` makes one)
    .explain = Commands work on the folder that holds site.toml: run them there, or name it with --root.
    .wrong =
        qiao check --root ~/Desktop
    .right =
        qiao check --root ~/alliance-site

E0502 = { $key ->
        [none] site.toml is not valid TOML: { $detail }
       *[other] site.toml is not valid TOML at `{ $key }`: { $detail }
    }
    .explain = The TOML parser could not read site.toml; its own words (in English) follow.
    .wrong =
        title = "浔江产教融合联盟"
        title = "联盟"
    .right =
        title = "浔江产教融合联盟"

E0503 = { $why ->
        [scheme] `base_url` `{ $value }` must start with http:// or https://
        [host] `base_url` `{ $value }` has no host
       *[other] `base_url` `{ $value }` is not a valid URL ({ $detail })
    }
    .explain = base_url is the full address the site is published at; links and feeds are made from it.
    .wrong =
        base_url = "alliance.example.org"
    .right =
        base_url = "https://alliance.example.org/"

E0504 = `timezone` must be an IANA time zone name like "Asia/Shanghai", found "{ $value }"
    .explain = Time zones are named by region and city, not by a country or an offset.
    .wrong =
        timezone = "Beijing"
    .right =
        timezone = "Asia/Shanghai"

E0505 = `theme` must be a folder name under themes/, found "{ $value }"
    .explain = theme names a folder inside the site's themes/ folder, not a path.
    .wrong =
        theme = "themes/alliance"
    .right =
        theme = "alliance"

E0506 = `{ $field }` must be a label in quotes
    .explain = Each taxonomy term's label is text.
    .wrong =
        industries.new-materials = 新材料
    .right =
        industries.new-materials = "新材料"

E0507 = `theme = "{ $name }"` but there is no folder `themes/{ $name }/`; remove `theme` to use the built-in theme
    .explain = The theme folder is missing or misspelt.
    .wrong =
        theme = "aliance"
    .right =
        theme = "alliance"   # themes/alliance/ exists

E0508 = `[[menu]]` links to `{ $url }`, but the site has no such page
    .explain = A menu entry's url that is a path of the site must be a page or file the build makes (its path is below base_url's path: write `/news/`, not the full address). A full URL (https://…) is left as it is.
    .wrong =
        {""}[[menu]]
        name = "联盟动态"
        url = "/new/"
    .right =
        {""}[[menu]]
        name = "联盟动态"
        url = "/news/"

E0509 = { $why ->
        [default] `[languages.{ $value }]`: `{ $value }` is the site's own language (`language = "{ $default }"`); list only the other languages
       *[other] `[languages.{ $value }]`: `{ $value }` is not a language tag (write `en`, `ja`, `zh-Hant`)
    }
    .explain = Each table under [languages] is another language of the site, named by its BCP 47 tag; the site's own language is `language` and lives at the root.
    .wrong =
        language = "zh"
        {""}[languages.english]
        title = "Xunjiang Alliance"
    .right =
        language = "zh"
        {""}[languages.en]
        title = "Xunjiang Alliance"

### area-06

E0601 = template error: { $detail }
    .explain = Tera could not compile or render a template; its own words (in English) follow. Templates are for the site's developer, not its editors.
    .wrong =
        {"{"}{"{"} page.title | upper {"}"}
    .right =
        {"{"}{"{"} page.title | upper {"}"}{"}"}

E0602 = template error: `{"{"}% extends "{ $parent }" %{"}"}` but there is no template `{ $parent }`
    .explain = The template a template extends is missing.
    .wrong =
        {"{"}% extends "bse.html" %{"}"}
    .right =
        {"{"}% extends "base.html" %{"}"}

E0603 = template error: templates extend each other in a circle: { $chain }
    .explain = Template a extends b and b extends a: neither can be rendered.
    .wrong =
        {"{"}% extends "page.html" %{"}"}   # in page.html
    .right =
        {"{"}% extends "base.html" %{"}"}

E0604 = template error: templates include each other in a circle: { $chain }
    .explain = Template a includes b and b includes a.
    .wrong =
        {"{"}% include "card.html" %{"}"}   # in card.html
    .right =
        {"{"}% include "badge.html" %{"}"}

E0605 = template error: there is no template `{ $name }`
    .explain = A template that is included or rendered is missing.
    .wrong =
        {"{"}% include "crad.html" %{"}"}
    .right =
        {"{"}% include "card.html" %{"}"}

E0606 = template is not UTF-8
    .explain = Templates are read as UTF-8, like every text file of the site.
    .wrong =
        (a template saved as GBK)
    .right =
        (the template saved as UTF-8)

E0607 = not valid TOML: { $detail }
    .explain = An interface strings file (i18n/<lang>.toml) could not be read; the parser's words (in English) follow.
    .wrong =
        search = 搜索
    .right =
        search = "搜索"

E0608 = cannot read the strings: { $error }
    .explain = An interface strings file holds values qiao cannot use (such as dates).
    .wrong =
        updated = 2025-03-18
    .right =
        updated = "更新于"

E0609 = unknown term { $term }
    .explain = A taxonomy page was asked for a term no item has; this is qiao's own mistake, please report it.
    .wrong =
        (none)
    .right =
        (none)

### area-07

E0701 = cannot read the file: { $error }
    .explain = The file exists but could not be read (permissions, a file being written by another program).
    .wrong =
        -rw------- root content/about.md
    .right =
        -rw-r--r-- editor content/about.md

E0702 = cannot read: { $error }
    .explain = A folder under content/ could not be listed.
    .wrong =
        drwx------ root content/cases
    .right =
        drwxr-xr-x editor content/cases

E0703 = this is a symbolic link; qiao does not follow links inside content/ (they may point outside the site): copy the file instead
    .explain = Symbolic links could bring files from outside the site into it.
    .wrong =
        content/about.md -> /mnt/资料/about.md
    .right =
        content/about.md (a copy)

E0704 = this is a symbolic link to a file outside the site; qiao does not copy files from outside the site folder: copy the file instead
    .explain = Files in static/, templates/ and themes/ must be inside the site folder.
    .wrong =
        static/logo.svg -> /mnt/资料/logo.svg
    .right =
        static/logo.svg (a copy)

E0705 = cannot read the template: { $error }
    .explain = A template file exists but could not be read.
    .wrong =
        -rw------- root templates/page.html
    .right =
        -rw-r--r-- editor templates/page.html

E0706 = cannot read the static file: { $error }
    .explain = A file under static/ exists but could not be read.
    .wrong =
        -rw------- root static/logo.svg
    .right =
        -rw-r--r-- editor static/logo.svg

E0707 = cannot read: { $error }
    .explain = An interface strings file exists but could not be read.
    .wrong =
        -rw------- root i18n/zh.toml
    .right =
        -rw-r--r-- editor i18n/zh.toml

### area-08

E0801 = `{ $field }` names `{ $value }`, which is not an image
    .explain = A cover, a logo or a Markdown image must be a JPEG, PNG, WebP or SVG file. This file's bytes are no image at all: perhaps a document renamed to .jpg, or a download that saved an error page.
    .wrong =
        cover = "/images/report.jpg"   # a Word file renamed
    .right =
        cover = "/images/report-cover.jpg"   # a photo, saved as JPEG

E0802 = `{ $field }` names `{ $value }`, a { $format } image; qiao publishes JPEG, PNG, WebP and SVG: save it as JPEG (photos) or PNG (drawings)
    .explain = Phones may save photos as HEIC, and some tools write BMP, TIFF or GIF; browsers cannot show all of these, and qiao cannot make small copies of them. Save the image again as JPEG or PNG.
    .wrong =
        cover = "/images/visit.heic"
    .right =
        cover = "/images/visit.jpg"

E0803 = `{ $field }` names `{ $value }`, which says it is { $width } × { $height } pixels, more than qiao opens ({ $max } million pixels)
    .explain = An image that size would take gigabytes of memory to open (a small file can declare a huge picture, on purpose or by mistake). A phone photo has about 12 million pixels; make the image smaller before putting it in static/.
    .wrong =
        cover = "/images/panorama.png"   # 30000 × 30000
    .right =
        cover = "/images/panorama.jpg"   # 4000 × 3000

E0804 = `{ $field }` names `{ $value }`, which is damaged and cannot be opened: { $error }
    .explain = The file starts like an image but is cut off or broken, often because a copy or a download stopped half-way. Copy the image from its source again.
    .wrong =
        cover = "/images/visit.jpg"   # 1.2 MB of a 4 MB photo
    .right =
        cover = "/images/visit.jpg"   # the whole photo

E0805 = cannot read or cache `{ $value }` (`{ $field }`): { $error }
    .explain = The image exists but could not be read, or qiao could not write its small copies to the site's .qiao-cache/ folder (permissions, a full disk).
    .wrong =
        -rw------- root static/images/visit.jpg
    .right =
        -rw-r--r-- editor static/images/visit.jpg

E0806 = `{ $value }` is not a file type whose metadata qiao removes; use { $expected }
    .explain = `[images] keep_metadata` lists the file types published with their metadata (EXIF, XMP, GPS): jpeg, png or webp. Leave it out unless you must publish that metadata, for example photos whose authors' copyright notice must travel with the file.
    .wrong =
        {""}[images]
        keep_metadata = ["jpg"]
    .right =
        {""}[images]
        keep_metadata = ["jpeg"]

E0807 = cannot publish this image without its metadata: { $error }
    .explain = Every JPEG, PNG and WebP copied from static/ is published without EXIF, XMP and GPS data, and this one could not be read as its file name says. Replace it with a working copy, or give it the right extension.
    .wrong =
        static/images/map.png   # a JPEG named .png, or cut off
    .right =
        static/images/map.jpg

## Pieces of messages, progress lines, headings

did-you-mean = did you mean { $names }?
did-you-mean-titled = did you mean `{ $slug }` ({ $title })? A reference names a member or policy by its slug (its file name), not by its title
help-extra = free-form data goes under [extra]
help-add-file = add `content/{ $folder }/{ $slug }.md` or use an existing slug
help-static-root = files under static/ are copied to the site root, and `.md` links name content files
help-relative-link = a relative link is read from the page's address /{ $page } (start it with `/` for the site root)
while-rendering = while rendering /{ $page }
type-string = a string
type-integer = an integer
type-number = a number
type-boolean = true/false
type-date = a date
type-time = a time of day
type-datetime = a date and time
type-list = a list
type-table = a table
expect-string = a string in quotes
expect-boolean = true or false
expect-whole-number = a whole number
expect-number = a number
expect-list = a list in square brackets, like ["a", "b"]
expect-date = a date like 2025-03-18
hint-date = the publication date, like `date = 2025-03-18`
hint-type = one of university, college, enterprise, association, government, institute, investor
hint-partners = the slugs of at least two members, like ["school-a", "company-b"]
hint-modes = how they cooperate, like ["order-training"]
hint-issuer = the issuing authority
hint-level = national, provincial, municipal, county or park
hint-issued = the date the document was issued
hint-need = technology, talent, equipment, training, joint-rnd or consulting
hint-organization = the slug of the member that seeks a partner
hint-deadline = the last day for proposals, like `deadline = 2026-12-31`
hint-start = when the event starts, like `start = 2026-05-20T14:00:00`
hint-organizer = the slug of the organizing member, or a list of them
hint-base-url = the address the site is published at, like "https://alliance.example.org/"
hint-site-title = the site's name
char-fullwidth-comma = the full-width comma
char-enumeration-comma = the enumeration comma
char-fullwidth-colon = the full-width colon
char-fullwidth-equals = the full-width equals sign
char-fullwidth-bracket = a full-width bracket
char-fullwidth-brace = a full-width brace
char-fullwidth-paren = a full-width round bracket
char-paren = a round bracket
char-ideographic-space = the full-width space
char-no-break-space = a no-break space
char-chinese-double-quote = the Chinese quotation mark
char-chinese-single-quote = the Chinese single quotation mark
char-other = the character
owner-home = the home page
owner-listing = the listing of { $kind }
owner-site-feed = the site's Atom feed
owner-feed = the Atom feed of { $kind }
owner-export = the JSON export of { $kind }
owner-calendar = the roadshows' calendar
owner-matches = the demands' suggested partners
owner-search = the search page
owner-taxonomy = the { $taxonomy } pages
owner-network = the cooperation network
owner-stats = the statistics page
owner-finder = the policy finder
owner-theme = the theme's files
owner-site-file = the site's { $name } file
owner-section = the listing of a section (its pages 2.. and its feed)
owner-other = { $what }
count-errors = { $count ->
        [one] 1 error
       *[other] { $count } errors
    }
count-warnings = { $count ->
        [one] 1 warning
       *[other] { $count } warnings
    }
progress-built = built { $count } files into { $dir }
progress-checked = ok: { $count } items checked in { $ms } ms
progress-created = created a new site in { $dir }; try: cd { $dir } && qiao serve
serve-port-taken = port { $port } is taken; using { $actual }
serve-built = built { $count } files in { $ms } ms
serve-first-errors = the site has errors; serving them until they are fixed
serve-stopped = stopped
new-no-site = no site.toml in { $dir }: run this in a site's folder or pass --root
new-bad-slug = `{ $slug }` cannot be a slug: use only a-z, 0-9, `-` and Chinese characters
new-unknown-kind = unknown kind `{ $kind }`: use members, cases, policies, demands, roadshows, page, or the folder of a section (news, notices)
new-exists = { $path } already exists; choose another slug
init-exists = { $dir } already holds a site (site.toml exists)
cannot-write = cannot write { $path }: { $error }
new-translate-bad-code = `{ $code }` is not a language tag: write it like en or en-US
new-translate-default = `{ $code }` is the site's own language (`language` in site.toml): the originals are written in it; translate into another language
new-translate-undeclared = site.toml declares no language `{ $code }`: add a [languages.{ $code }] table to site.toml (with the site's title in that language), then run this again
new-translate-site-errors = site.toml has errors: run qiao check and correct them, then run this again
new-translate-no-original = nothing to translate: there is no { $path }, nor a file of that name in the folders below { $folder }; make the original first
new-translate-no-page = nothing to translate: there is no { $path }; make the original first
new-translate-ambiguous = `{ $slug }` names more than one file ({ $paths }): name one by its path below { $folder }, such as { $example }
new-translate-original-errors = { $path } has errors: correct them first (qiao check shows them), then start its translation
new-translate-exists = { $path } already exists: this translation has been started; edit that file
new-translate-same-language = { $path } is written in { $code } already (it sets lang = "{ $code }"): it needs no translation into { $code }
serve-page-ahead = { $what }: page updated in { $ms } ms; checking and rendering the rest
serve-scope = { $count ->
        [one] {" "}(1 page it touches)
       *[other] {" "}({ $count } pages it touches)
    }
serve-rebuilt = { $what }: rebuilt in { $ms } ms{ $scope }, { $count ->
        [0] no file changed
        [one] 1 file changed
       *[other] { $count } files changed
    }
search-no-index = no search index in { $dir }: build the site first (`qiao build`)
search-no-results = no results for `{ $query }`
search-cannot-read = cannot read the search index in { $dir }: { $error }
io-cannot-write = cannot write { $path }
io-cannot-create = cannot create the folder { $path }
io-cannot-read-folder = cannot read the folder { $path }
io-cannot-move = cannot move { $from } to { $to }
io-cannot-remove = cannot remove the previous build { $path }
io-cannot-read = cannot read { $path }
io-output-is-root = refusing to write the site to `{ $dir }`: it is the file system root
io-output-holds-sources = refusing to write the site to `{ $dir }`: it holds the site's own sources (choose a folder such as public/)
io-output-inside-source = refusing to write the site to `{ $dir }`: it is inside the site's { $source }
io-output-not-folder = `{ $dir }` exists and is not a folder
io-output-foreign = refusing to replace `{ $dir }`: it is not empty and was not written by qiao (no { $marker } file); choose another --output-dir or remove it yourself
io-cannot-open-site = cannot open the site folder `{ $dir }`
io-cannot-listen = cannot listen on { $address }
io-kind-not-found = no such file or folder
io-kind-permission-denied = permission denied
io-kind-storage-full = the disk is full
io-kind-read-only = the file system is read-only
io-kind-quota = the disk quota is used up
io-kind-exists = it already exists
io-kind-is-a-folder = it is a folder
io-kind-not-a-folder = a part of the path is not a folder
io-kind-folder-not-empty = the folder is not empty
io-kind-crosses-devices = it is on another disk
io-kind-address-in-use = the address is in use by another program
io-kind-address-not-available = the address is not one of this machine's
usage-unknown-option = unknown option `{ $arg }`
usage-unknown-command = unknown command `{ $arg }`; the commands are { $commands }
usage-did-you-mean = did you mean { $names }?
usage-and = { $first }; { $second }
usage-bad-value = `{ $value }` is not a value of `{ $arg }`; it takes { $values }
usage-bad-date = `{ $value }` given to `{ $arg }` is not a date: write it like 2026-05-20
usage-bad-address = `{ $value }` given to `{ $arg }` is not an IP address: try 127.0.0.1
usage-bad-number = `{ $value }` given to `{ $arg }` is not a whole number
usage-invalid = `{ $value }` is not a valid value of `{ $arg }`
usage-missing = `{ $command }` needs { $args }
usage-no-command = qiao needs a command: { $commands }
usage-no-value = `{ $arg }` needs a value
usage-unexpected = `{ $arg }` does not belong here
usage-conflict = `{ $arg }` cannot be used together with { $other }
usage-other = the command line is wrong: { $error }
usage-line = usage: { $usage }
usage-more = for more, run `{ $help }`
url-not-full = it does not start with https:// or http://
url-no-host = it has no host name
url-bad-port = the port after `:` is not a number from 1 to 65535
url-bad-host = the host name has a character it cannot have (a space, a full-width dot 。 or ．?)
url-bad-ip = the IP address is not valid
url-invalid = the URL parser cannot read it
date-bad-month = there is no month { $month }: months are 01 to 12
date-bad-day = { $year }-{ $mm } has no day { $day }: it has { $last } days
date-bad-time = the time after the date is not a time of day, like 14:30:00
date-unreadable = write it like 2025-03-18, or 2025-03-18T14:30:00 with a time
overlay-title = { $count ->
        [one] The site has 1 error
       *[other] The site has { $count } errors
    }
overlay-note = This page shows the last good version. Fix the file and save: the page updates by itself.
serve-serving = serving { $url } (Ctrl-C to stop)
serve-errors = { $what }: the site has errors; still serving the last good version
explain-heading = { $code } ({ $severity }, { $area })
explain-wrong = Wrong:
explain-right = Right:
explain-unknown = there is no error code `{ $code }`; codes look like E0107 (docs/errors.md lists them)
explain-unknown-near = there is no error code `{ $code }`; did you mean { $near }?
severity-error = error
severity-warning = warning: the site is still built
area-01 = Files and front matter
area-02 = Fields
area-03 = References across files
area-04 = Markdown bodies and links
area-05 = site.toml
area-06 = Templates and the theme
area-07 = Reading files

### area-09

E0901 = cannot read the spreadsheet: { $error }
    .explain = `qiao import` reads .xlsx, .xls, .ods and .csv files. A file that is cut short (a download or a WeChat transfer that did not finish), or that is not really a spreadsheet, cannot be read. Save it again from Excel or WPS and import the new file.
    .wrong =
        qiao import members 成员名录.xlsx   # the transfer stopped half way
    .right =
        qiao import members 成员名录.xlsx   # saved again in Excel: 文件 → 另存为
E0902 = the spreadsheet is password-protected; save a copy without a password and import that
    .explain = An encrypted workbook cannot be read without its password, and qiao never asks for one. In Excel: 文件 → 信息 → 保护工作簿 → 用密码进行加密, clear the password, save a copy.
    .wrong =
        qiao import members 加密名录.xlsx
    .right =
        qiao import members 名录-无密码.xlsx
E0903 = `.{ $ext }` is not a spreadsheet qiao reads; use .xlsx, .xls, .ods or .csv
    .explain = qiao reads Excel (.xlsx, .xls), OpenDocument (.ods) and CSV files. Save other formats (.numbers, .et, .wps) as one of these first.
    .wrong =
        qiao import members 名录.numbers
    .right =
        qiao import members 名录.xlsx
E0904 = there is no sheet `{ $sheet }`; the workbook has { $sheets }
    .explain = --sheet names one sheet of the workbook, exactly as its tab is named. Without --sheet the first sheet is read.
    .wrong =
        qiao import members 名录.xlsx --sheet 成员
    .right =
        qiao import members 名录.xlsx --sheet 成员名录
E0905 = the sheet is empty: its first row must name the columns (`title`/`名称`, `type`/`类型`, …)
    .explain = The first row of the sheet names the columns; each later row becomes one content file.
    .wrong =
        (an empty sheet)
    .right =
        名称 | 类型 | 网址
        恒锐精密 | 企业 | https://hengrui.example.com/
E0906 = the sheet has a header row and no data rows: nothing to import
    .explain = Every row below the header becomes one content file; a sheet with only the header has none.
    .wrong =
        名称 | 类型
    .right =
        名称 | 类型
        恒锐精密 | 企业
E0907 = column `{ $name }` is not a field of { $kind }
    .explain = Each header names a field, by its name (`title`, `contact.email`) or its Chinese name in the editors' guide (`名称`, `联系邮箱`). Rename the column, or delete it if it holds notes that are not part of the site.
    .wrong =
        名称 | 类别
    .right =
        名称 | 类型
E0908 = column `{ $name }` is there twice (first at { $first })
    .explain = Two columns name the same field (perhaps once in English and once in Chinese); qiao would not know which to take. Keep one.
    .wrong =
        名称 | 类型 | type
    .right =
        名称 | 类型
E0909 = merged cells ({ $range }): every value must sit in its own cell
    .explain = Merged cells hold one value for several rows or columns, which cannot be told apart row by row. Unmerge them (开始 → 合并后居中 → 取消合并单元格) and fill every cell.
    .wrong =
        (B2:B4 merged, showing 企业 once)
    .right =
        (B2, B3 and B4 each hold 企业)
E0910 = the cell holds a formula; import values only (copy, then paste as values)
    .explain = A formula's result depends on the program that computes it, and files saved by some programs carry no result at all. Copy the column and 选择性粘贴 → 数值 to keep only the values.
    .wrong =
        =CONCAT(A2, "学院")
    .right =
        浔江职业技术学院
E0911 = the sheet has more than { $limit } rows; import it in parts
    .explain = An import writes one content file per row. A sheet this long is almost always a mistake (a column filled to the bottom, a whole database), and qiao stops reading it rather than fill memory.
    .wrong =
        (1,000,000 rows)
    .right =
        (the roster's 300 rows)
E0912 = the file is not valid { $encoding } at line { $line } (byte 0x{ $byte } at offset { $offset }): save the whole file in one encoding, or name it with --encoding
    .explain = A CSV file is read as UTF-8 (with or without a BOM), or as GB18030/GBK when it is not UTF-8 (what Excel on Chinese Windows saves). A file pasted together from files in different encodings has lines of both; save it again as "CSV UTF-8" in Excel.
    .wrong =
        (lines saved as GBK and lines saved as UTF-8 in one file)
    .right =
        (the whole file saved as CSV UTF-8)
E0914 = `{ $slug }` exists already ({ $path }); use --update to rewrite its fields from the sheet
    .explain = Without --update an import only adds files, so that a sheet never overwrites an editor's work by accident. With --update qiao rewrites the fields the sheet has and keeps every other field and the body.
    .wrong =
        qiao import members 名录.xlsx
    .right =
        qiao import members 名录.xlsx --update
E0915 = two rows have the slug `{ $slug }` (first in row { $row })
    .explain = Every row becomes a file named by its slug; two rows with one slug would write one file twice. Give one of them another slug (`标识`).
    .wrong =
        标识 | 名称
        hengrui | 恒锐精密
        hengrui | 恒锐检测
    .right =
        标识 | 名称
        hengrui | 恒锐精密
        hengrui-testing | 恒锐检测
E0916 = the cell holds the error `{ $value }`; type the value it should have
    .explain = A cell that shows #N/A, #DIV/0! or #REF! holds no value to import.
    .wrong =
        #N/A
    .right =
        2025-03-18
E0917 = the row has neither a slug nor a title, so it cannot be named
    .explain = A row's file name is its slug (`标识`), or a slug qiao derives from its title (`名称`/`标题`). Fill one of them, or delete the row.
    .wrong =
        标识 | 名称 | 类型
             |      | 企业
    .right =
        标识 | 名称 | 类型
             | 恒锐精密 | 企业
E0918 = this column has values but no header: name it, or delete the column
    .explain = Every column with values needs a name in the first row, so that qiao knows which field it fills.
    .wrong =
        名称 |      
        恒锐精密 | 企业
    .right =
        名称 | 类型
        恒锐精密 | 企业

sheet-imported = { $count ->
        [one] 1 row checked
       *[other] { $count } rows checked
    }: { $created } new, { $updated } updated, { $unchanged } unchanged
sheet-did-you-mean-title = did you mean `{ $title }` (`{ $slug }`)? A cell names a member or policy by its slug or its exact title
sheet-dry-run = dry run: nothing was written
sheet-slug = { $cell }: `{ $title }` → slug `{ $slug }`
sheet-exported = { $count ->
        [one] 1 row
       *[other] { $count } rows
    } written to { $file }
area-09 = Spreadsheets (import and export)
area-08 = Images
