#include "ChoiceList.h"

namespace ncre::ChoiceList {

namespace {

struct Row
{
    const char *code;
    const char *zh;
    const char *en;
};

template<size_t N>
QList<Choice> toChoices(const Row (&rows)[N])
{
    QList<Choice> list;
    list.reserve(N);
    for (const Row &r : rows)
        list.append({QString::fromLatin1(r.code), QString::fromUtf8(r.zh), QString::fromUtf8(r.en)});
    return list;
}

// GB 3304-91, codes 01-56.
constexpr Row kEthnicities[] = {
    {"01", "汉族", "Han"},         {"02", "蒙古族", "Mongol"},     {"03", "回族", "Hui"},
    {"04", "藏族", "Tibetan"},     {"05", "维吾尔族", "Uyghur"},   {"06", "苗族", "Miao"},
    {"07", "彝族", "Yi"},          {"08", "壮族", "Zhuang"},       {"09", "布依族", "Buyei"},
    {"10", "朝鲜族", "Korean"},    {"11", "满族", "Manchu"},       {"12", "侗族", "Dong"},
    {"13", "瑶族", "Yao"},         {"14", "白族", "Bai"},          {"15", "土家族", "Tujia"},
    {"16", "哈尼族", "Hani"},      {"17", "哈萨克族", "Kazakh"},   {"18", "傣族", "Dai"},
    {"19", "黎族", "Li"},          {"20", "傈僳族", "Lisu"},       {"21", "佤族", "Va"},
    {"22", "畲族", "She"},         {"23", "高山族", "Gaoshan"},    {"24", "拉祜族", "Lahu"},
    {"25", "水族", "Sui"},         {"26", "东乡族", "Dongxiang"},  {"27", "纳西族", "Naxi"},
    {"28", "景颇族", "Jingpo"},    {"29", "柯尔克孜族", "Kyrgyz"}, {"30", "土族", "Tu"},
    {"31", "达斡尔族", "Daur"},    {"32", "仫佬族", "Mulao"},      {"33", "羌族", "Qiang"},
    {"34", "布朗族", "Blang"},     {"35", "撒拉族", "Salar"},      {"36", "毛南族", "Maonan"},
    {"37", "仡佬族", "Gelao"},     {"38", "锡伯族", "Xibe"},       {"39", "阿昌族", "Achang"},
    {"40", "普米族", "Pumi"},      {"41", "塔吉克族", "Tajik"},    {"42", "怒族", "Nu"},
    {"43", "乌孜别克族", "Uzbek"}, {"44", "俄罗斯族", "Russian"},  {"45", "鄂温克族", "Evenki"},
    {"46", "德昂族", "Deang"},     {"47", "保安族", "Bonan"},      {"48", "裕固族", "Yugur"},
    {"49", "京族", "Gin"},         {"50", "塔塔尔族", "Tatar"},    {"51", "独龙族", "Derung"},
    {"52", "鄂伦春族", "Oroqen"},  {"53", "赫哲族", "Hezhen"},     {"54", "门巴族", "Monba"},
    {"55", "珞巴族", "Lhoba"},     {"56", "基诺族", "Jino"},
};

constexpr Row kEducation[] = {
    {"doctorate", "博士研究生", "Doctorate"},
    {"master", "硕士研究生", "Master's degree"},
    {"bachelor", "大学本科", "Bachelor's degree"},
    {"associate", "大学专科", "Associate degree"},
    {"vocational_secondary", "中等专科", "Secondary vocational school"},
    {"senior_high", "高中", "Senior high school"},
    {"junior_high", "初中", "Junior high school"},
    {"primary", "小学", "Primary school"},
    {"other", "其他", "Other"},
};

constexpr Row kOccupations[] = {
    {"student", "在校学生", "Student"},
    {"civil_servant", "国家公务员", "Civil servant"},
    {"professional", "专业技术人员", "Professional or technician"},
    {"clerk", "职员", "Office worker"},
    {"manager", "企业管理人员", "Business manager"},
    {"worker", "工人", "Worker"},
    {"farmer", "农民", "Farmer"},
    {"military", "现役军人", "Serving military"},
    {"freelancer", "自由职业者", "Freelancer"},
    {"self_employed", "个体经营者", "Self-employed"},
    {"unemployed", "无业人员", "Not employed"},
    {"retired", "退（离）休人员", "Retired"},
    {"other", "其他", "Other"},
};

} // namespace

const QList<Choice> &ethnicities()
{
    static const QList<Choice> list = toChoices(kEthnicities);
    return list;
}

const QList<Choice> &educationLevels()
{
    static const QList<Choice> list = toChoices(kEducation);
    return list;
}

const QList<Choice> &occupations()
{
    static const QList<Choice> list = toChoices(kOccupations);
    return list;
}

const Choice *find(const QList<Choice> &list, const QString &code)
{
    for (const Choice &c : list) {
        if (c.code == code)
            return &c;
    }
    return nullptr;
}

} // namespace ncre::ChoiceList
