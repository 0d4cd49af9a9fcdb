package article

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const utf8BOM = "\uFEFF"

// maxReplacementRatio bounds how many U+FFFD a GB18030 decoding may yield
// (per rune) before the bytes count as some other encoding.
const maxReplacementRatio = 0.01

// minValidPerInvalid is how many well-formed multi-byte UTF-8 sequences
// input that is not valid UTF-8 needs per invalid byte to be read as UTF-8
// with a few bad bytes. GBK text read as UTF-8 is invalid almost
// everywhere: about one well-formed sequence per five invalid bytes, never
// more than one per invalid byte over the 200 SogouCA records and 15,000
// GBK-encoded news titles and bodies, and under one per four in all but
// 0.01% of random 1-40 character GBK snippets. UTF-8 text with a stray
// byte has tens or hundreds per bad byte.
const minValidPerInvalid = 8

// DecodeText returns b as a string: valid UTF-8 passes through without its
// byte-order mark. Input that is overwhelmingly UTF-8 (at least
// minValidPerInvalid well-formed multi-byte sequences per invalid byte) is
// read as UTF-8 with U+FFFD for the bad bytes. Anything else is read as
// GB18030 (a superset of GBK and GB2312) and accepted when it yields at
// most one U+FFFD per hundred runes. Stray '?' bytes that replaced half of
// a two-byte character, as in the Sogou dumps, are dropped together with
// the orphaned half first (see repairGBK), so the rest of the line decodes
// in step. When GB18030 fails on at least as many bytes as UTF-8 does
// (mostly ASCII with a stray byte), the UTF-8 reading is kept instead if it
// has a single bad byte or at most one per hundred runes. Otherwise the
// error wraps ErrEncoding. No warning is reported for the U+FFFD.
func DecodeText(b []byte) (string, error) {
	if utf8.Valid(b) {
		return strings.TrimPrefix(string(b), utf8BOM), nil
	}
	valid, invalid, runes := utf8Counts(b)
	if valid >= minValidPerInvalid*invalid {
		return lenientUTF8(b), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(repairGBK(b))
	if err != nil {
		return "", fmt.Errorf("decode: gb18030: %w: %w", ErrEncoding, err)
	}
	s := strings.TrimPrefix(string(out), utf8BOM)
	bad := strings.Count(s, "\uFFFD")
	if bad >= invalid && (invalid == 1 || !tooMany(invalid, runes)) {
		return lenientUTF8(b), nil
	}
	if n := utf8.RuneCountInString(s); tooMany(bad, n) {
		return "", fmt.Errorf("decode: %d of %d runes unreadable as utf-8 or gb18030: %w", bad, n, ErrEncoding)
	}
	return s, nil
}

// tooMany reports whether bad of n runes exceed maxReplacementRatio.
func tooMany(bad, n int) bool {
	return bad > 0 && float64(bad) > maxReplacementRatio*float64(n)
}

// utf8Counts reads b as UTF-8 and counts well-formed multi-byte sequences,
// invalid bytes and runes (an invalid byte counting as one).
func utf8Counts(b []byte) (valid, invalid, runes int) {
	for i := 0; i < len(b); runes++ {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	return valid, invalid, runes
}

// lenientUTF8 reads b as UTF-8, each run of invalid bytes becoming U+FFFD.
func lenientUTF8(b []byte) string {
	return strings.TrimPrefix(strings.ToValidUTF8(string(b), "\uFFFD"), utf8BOM)
}

// Scores of the readings repairGBK weighs, per character or byte. A '?'
// kept as a question mark costs as much as an unreadable byte: Chinese text
// writes the full-width '？', so an ASCII '?' touching hanzi is rare, while
// in a damaged dump almost every such '?' is a lost byte. A genuine '?'
// still wins: dropping a byte with it leaves the rest of the run out of
// step and an odd byte at its end.
const (
	scoreCommon  = 2  // one of the commonHanzi
	scoreNeutral = 0  // ASCII, GB2312 punctuation (row A1) or a full-width form (row A3)
	scoreRare    = -2 // any other character
	scoreLiteral = -4 // a '?' kept as a question mark
	scoreInvalid = -4 // a byte GB18030 cannot read
)

// repairGBK drops each '?' that stands for one lost byte of a two-byte
// character, together with the surviving half, which would otherwise pair
// with its neighbour and garble the rest of the run. Which '?' are lost
// bytes is decided by reading the whole input in the most plausible way:
// a dynamic programme over byte positions where a '?' next to a high byte
// may be kept as a question mark or dropped with the lost lead byte's
// orphan trail byte (or the lost trail byte's orphan lead byte), and where
// the reading with the best total score wins. Characters score by how
// common they are in Chinese text (see commonHanzi): text read in step is
// mostly common hanzi, text read out of step mostly not. Full-width forms
// and punctuation are no evidence either way: in the Sogou dumps the '?'
// mostly replaced the lead byte of the paragraph mark 0xFD 0xA3, and the
// orphan 0xA3 pairs with the next byte into a full-width form, which is
// how QA found 91 of the 200 SogouCA records read out of step while the
// repair counted such pairs as common.
func repairGBK(b []byte) []byte {
	if !strayQuestionMark(b) {
		return b
	}
	n := len(b)
	const unreached = -1 << 62
	best := make([]int, n+1)
	from := make([]int32, n+1)
	drop := make([]bool, n+1) // the step to here dropped its bytes
	for i := 1; i <= n; i++ {
		best[i] = unreached
	}
	relax := func(i, j, score int, dropped bool) {
		if s := best[i] + score; j <= n && s > best[j] {
			best[j], from[j], drop[j] = s, int32(i), dropped
		}
	}
	for i := 0; i < n; i++ {
		if best[i] == unreached {
			continue
		}
		c := b[i]
		switch {
		case c == '?':
			relax(i, i+1, scoreLiteral, false)
			if i+1 < n && b[i+1] >= 0x80 {
				relax(i, i+2, 0, true) // lost lead byte
			}
		case c < 0x80:
			relax(i, i+1, scoreNeutral, false)
		case c == 0x80 || c == 0xFF || i+1 == n:
			relax(i, i+1, scoreInvalid, false)
		case b[i+1] == '?':
			relax(i, i+2, 0, true) // lost trail byte
		case i+3 < n && isDigit(b[i+1]) && b[i+2] >= 0x81 && b[i+2] <= 0xFE && isDigit(b[i+3]):
			relax(i, i+4, scoreRare, false) // four-byte GB18030 sequence
		case b[i+1] >= 0x40 && b[i+1] <= 0xFE && b[i+1] != 0x7F:
			relax(i, i+2, pairScore(c, b[i+1]), false)
		default:
			relax(i, i+1, scoreInvalid, false)
		}
	}
	var steps []int32
	for j := n; j > 0; j = int(from[j]) {
		steps = append(steps, int32(j))
	}
	out := make([]byte, 0, n)
	for k := len(steps) - 1; k >= 0; k-- {
		j := int(steps[k])
		if !drop[j] {
			out = append(out, b[from[j]:j]...)
		}
	}
	return out
}

// strayQuestionMark reports whether b has a '?' next to a high byte.
func strayQuestionMark(b []byte) bool {
	for i, c := range b {
		if c == '?' && (i > 0 && b[i-1] >= 0x80 || i+1 < len(b) && b[i+1] >= 0x80) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// pairScore scores the two-byte GBK character lead, trail.
func pairScore(lead, trail byte) int {
	switch {
	case lead == 0xA1 || lead == 0xA3:
		return scoreNeutral
	case commonSet()[gbkIndex(lead, trail)]:
		return scoreCommon
	}
	return scoreRare
}

// gbkIndex numbers two-byte GBK codes from 0 (0x8140).
func gbkIndex(lead, trail byte) int { return int(lead-0x81)*0xBF + int(trail-0x40) }

// commonSet marks the GBK codes of commonHanzi.
var commonSet = sync.OnceValue(func() []bool {
	set := make([]bool, gbkIndex(0xFE, 0xFE)+1)
	enc, err := simplifiedchinese.GBK.NewEncoder().String(commonHanzi)
	if err != nil {
		panic("article: commonHanzi: " + err.Error())
	}
	for i := 0; i+1 < len(enc); i += 2 {
		set[gbkIndex(enc[i], enc[i+1])] = true
	}
	return set
})

// commonHanzi are the 1,500 most frequent hanzi, most frequent first,
// ranked by their weight in the jieba dictionary (jieba.dict.utf8, MIT
// licence, as shipped with github.com/yanyiwu/gojieba v1.4.6): the sum of
// the frequencies of the words holding the character. They cover about
// 96% of the hanzi in news text and 22% of GB2312's 6,763, so a GBK run
// read in step scores far above one read out of step.
const commonHanzi = "" +
	"一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可" +
	"过天作分方用多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所" +
	"如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城" +
	"十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向治因立数样身情入原问把路被并利石老教万知" +
	"级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领" +
	"队直计别女权话少流命至报米给打变果书清活华几州解议更称程今决张导术府才保交放管结师便走达族反再题色五" +
	"京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边" +
	"据集联古广完质阳难增历史专官每住商即步认车台林必死游举线皇言土团收考求德叫近备研争非具李众连调感转笑" +
	"革该持始英克士尔让拉思根格造较际亲单朝红型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃" +
	"观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源息语股铁断派速怎需片爱律纪支早况病境证编" +
	"越局推满且列觉服双未居除乐企引标确织初青志率项飞球节察龙响药站施均消客失轻存低甚般击曾防请离落显罗营" +
	"足素视护副食创余照兴占巴虽洲村费易试星木黑左宝置跟央识维采六底宫房音环案批切斗富乡另倒若按查故突责严" +
	"桥模仅胜杀围席态破承招杨负层须父供续状域似依银范修找九致密终血旅钱赛独细效玉冲获习医演毛尽脸弹楼艺航" +
	"陆右协七攻镇检写苏宗章注阿抗弟坐验封紧劳户优财养适陈喜卫排射哥油刻留急降念云微伤例景拿绝阶座刘刚害印" +
	"亿沙母酒助闻超审待压升送监策略限竟香配藏敌呢差仍兰温园树征善波哪词岛止预怕继皮执味份角草男普答益谁船" +
	"惊核街夏宣掌田久著画辑奇尼剑吧谈背免孩礼材愿洋春架筑括晚乱乎讲尚良友临激刀夜室既敢邦挥昌板胡欧福港叶" +
	"简苦担句岁荆贵娘守辖威宜衣帮块堂额错剧充欢够孙班呼阵销坚练脚退读测吴希宁换版异某顾曲楚典朱毒菜判救宋" +
	"茶洪含顺啊鲜败货矿端兄归冷忙买险康评肉吗厂永哈沉散遗停笔假输牛洞松渐顶训录否述毕督控丰献姑忽爷互亮纳" +
	"襄登咱钟伯臣雄季脑介鄂召饭暗扩祖齐短烈赶牌恩诉移诗础露届蒙静喝卖盘植授伊湾博痛减穿逐秘庭陵固禁票灵杂" +
	"姓泽吸侧庆妈遇追甲馆补唐炮沿殿刺怪彩俄旧警索岸轮妇载靠附毫怀软骨探雷旁罪枪牙迎序慢盛雨墙恶谷顿危稳熟" +
	"概酸操诸绿佛荣针托宽折野付午肯库厚缺罢耳屋嘴末谢巨培页瓦款犯困店智拥雪翻圣戏旗婚吉奖岩疑币圆歌廷健卡" +
	"烧析讨跑烟误仙疗舞亡闭汽伸脱秋姐繁侵川莫麻秀借寻私岗卷跳丽横驻套兼您君丁束纸夺袁灯坏坦丝径购阴床瞧择" +
	"墓宪峰遍鲁庙掉丹桃御舰避售怒课播拔奥延虚隐粮络遭摇潜庄混厅婆奴鼓赵访睡震予童徐韦殖抓拜吨扬址洛休纵逃" +
	"染纷贸透汇灭蛋森仪塔距狐融郡缓聚盖拍迹忠释润粉涓孔岭搜紫虑促抵钢塞寺津液码虎坛珍硬梁奔累役偏迫锛凡损" +
	"壁哭替税综伦冰盟挂韩竞乌尤弱铺妹秦尊竹珠迅脉泥鬼纯睛刑途隆潮幅杯握谋剂幸奉乘抱朋谓频崇壮骑紝恐享鸡虫" +
	"绍铜呈泛械摆欲奶敬措爆暴签猛郭嘉障缩亦废搞胞埃曰撤暖寒订俗绩阻盐萨勒忘奏孝贴灰梅触玩默醒胸莲篇柱裁啦" +
	"淡抢捕闹纺截讯朗誉雅忍梦伙勇峡徒丈尾迷唱泉泰佳残闪伍呀疾署剩贼冠倾豆申贫诺麦泪羊尖辈镜涉贡爹缘摩妻殊" +
	"贝零映甘骂糖岳饮奋棉雕跃汗冒渡努赞启阁斤裂患伏池鹿洗劲晋倍圈媒箭沟锋胆凭挑抬闯隔弄曹汤苗迁叹唯振储贯" +
	"彻桌祭符僧衡炸旋喊凤黎郎援肥磁忌赏辽祥董仁辛瑞询敏浪貌毁昨巧腿抽荷陷焦净腹弃乃湘亩滑狗冬宏皆番尸伟桂" +
	"览恢龄绕趣晶坡魏摸伴墨浓绪舍蓝荡井阅鸿旦惯症鸟窗扎辞聘穷堰宇键荒递恨隶厉杜闲腰袭侍灾涨叔湿寨幕豪郑磨"
