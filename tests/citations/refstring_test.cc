// SPDX-License-Identifier: GPL-3.0-or-later
// ParseReferenceString across citation styles: GB/T 7714 with and without
// spaces, full-width punctuation, Chinese, Korean, Vancouver, physics and
// author-year styles.
// Bibliographic strings are the seed review's references re-styled, or made up.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "citations/refstring.h"

namespace ckb::citations {
namespace {

struct Case {
  std::string input;
  std::vector<std::string> authors;
  bool et_al;
  std::string title, type, journal;
  std::optional<int> year;
  std::string volume, issue, pages, doi, pmid, pmcid, url;
  std::vector<std::string> nct;
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"Modi S, Jacot W, Yamashita T, et al. Trastuzumab deruxtecan in previously treated HER2-low "
       "advanced breast cancer. N Engl J Med. 2022;387(1):9-20. doi:10.1056/NEJMoa2203690",
       {"Modi S", "Jacot W", "Yamashita T"}, true,
       "Trastuzumab deruxtecan in previously treated HER2-low advanced breast cancer", "", "N Engl J Med",
       2022, "387", "1", "9-20", "10.1056/nejmoa2203690", "", "", "", {}},
      {"Modi S,Jacot W,Yamashita T,et al.Trastuzumab deruxtecan in previously treated HER2-low advanced "
       "breast cancer[J].N Engl J Med,2022,387(1):9-20.",
       {"Modi S", "Jacot W", "Yamashita T"}, true,
       "Trastuzumab deruxtecan in previously treated HER2-low advanced breast cancer", "J", "N Engl J Med",
       2022, "387", "1", "9-20", "", "", "", "", {}},
      {"Modi S, Jacot W, Yamashita T, et al. Trastuzumab deruxtecan in previously treated HER2-low "
       "advanced breast cancer[J]. N Engl J Med, 2022, 387(1): 9-20. DOI: 10.1056/NEJMoa2203690.",
       {"Modi S", "Jacot W", "Yamashita T"}, true,
       "Trastuzumab deruxtecan in previously treated HER2-low advanced breast cancer", "J", "N Engl J Med",
       2022, "387", "1", "9-20", "10.1056/nejmoa2203690", "", "", "", {}},
      {"朱军, 黄美金, 李媛, 等. HER2低表达乳腺癌的靶向治疗研究进展[J]. 国际肿瘤学杂志, 2023, 50(4): 236-240.",
       {"朱军", "黄美金", "李媛"}, true, "HER2低表达乳腺癌的靶向治疗研究进展", "J", "国际肿瘤学杂志", 2023, "50",
       "4", "236-240", "", "", "", "", {}},
      {"朱军，黄美金，李媛，等．HER2低表达乳腺癌的靶向治疗研究进展［J］．国际肿瘤学杂志，2023，50（4）：236-240．",
       {"朱军", "黄美金", "李媛"}, true, "HER2低表达乳腺癌的靶向治疗研究进展", "J", "国际肿瘤学杂志", 2023, "50",
       "4", "236-240", "", "", "", "", {}},
      {"朱军,黄美金,李媛,等.HER2低表达乳腺癌的靶向治疗研究进展[J].国际肿瘤学杂志,2023,50(4):236-240.",
       {"朱军", "黄美金", "李媛"}, true, "HER2低表达乳腺癌的靶向治疗研究进展", "J", "国际肿瘤学杂志", 2023, "50",
       "4", "236-240", "", "", "", "", {}},
      {"《乳腺癌HER2检测指南(2024版)》编写组. 乳腺癌HER2检测指南(2024版)[J]. 中华病理学杂志, 2024, 53(12): "
       "1192-1202. DOI: 10.3760/cma.j.cn112151-20241009-00664.",
       {"《乳腺癌HER2检测指南(2024版)》编写组"}, false, "乳腺癌HER2检测指南(2024版)", "J", "中华病理学杂志", 2024,
       "53", "12", "1192-1202", "10.3760/cma.j.cn112151-20241009-00664", "", "", "", {}},
      {"Hatami E, Fanaei SM, Hasteh F, et al. 162 HER2-ultra low and HER2-null breast cancers, incidence "
       "and correlation with clinicopathologic parameters[J]. Lab Invest, 2025, 105(3 Sup): 102386.",
       {"Hatami E", "Fanaei SM", "Hasteh F"}, true,
       "162 HER2-ultra low and HER2-null breast cancers, incidence and correlation with clinicopathologic "
       "parameters",
       "J", "Lab Invest", 2025, "105", "3 Sup", "102386", "", "", "", "", {}},
      {"Anderson Cancer Center. Phase 1b study of EZH1/2 inhibitor valemetostat in combination with "
       "trastuzumab deruxtecan in subjects with HER2 low/ultra-low/null metastatic breast cancer[EB/OL]. "
       "(2025-02-10) [2025-02-12]. https://clinicaltrials.gov/study/NCT05633979?cond=HER2%20ULTRA%20LOW.",
       {"Anderson Cancer Center"}, false,
       "Phase 1b study of EZH1/2 inhibitor valemetostat in combination with trastuzumab deruxtecan in "
       "subjects with HER2 low/ultra-low/null metastatic breast cancer",
       "EB/OL", "", 2025, "", "", "", "", "", "",
       "https://clinicaltrials.gov/study/NCT05633979?cond=HER2%20ULTRA%20LOW", {"NCT05633979"}},
      {"Doe J, Roe R. A made-up trial of drug X. J Test Med. 2020 Jun 10;38(17):1951-1962. doi: "
       "10.5555/JTM.19.02488. Epub 2020 Apr 24. PMID: 32330069; PMCID: PMC7001234.",
       {"Doe J", "Roe R"}, false, "A made-up trial of drug X", "", "J Test Med", 2020, "38", "17",
       "1951-1962", "10.5555/jtm.19.02488", "32330069", "PMC7001234", "", {}},
      {"Doe J, Roe R, Poe P, et al. Features of HER2-low disease. Test Breast J 2021; 7: 1.",
       {"Doe J", "Roe R", "Poe P"}, true, "Features of HER2-low disease", "", "Test Breast J", 2021, "7", "",
       "1", "", "", "", "", {}},
      {"Andrikopoulou A, Zografos E, Liontos M, et al. Trastuzumab deruxtecan (DS-8201a): the latest "
       "research and advances in breast cancer. Clin Breast Cancer. 2021;21(3):e212-e219.",
       {"Andrikopoulou A", "Zografos E", "Liontos M"}, true,
       "Trastuzumab deruxtecan (DS-8201a): the latest research and advances in breast cancer", "",
       "Clin Breast Cancer", 2021, "21", "3", "e212-e219", "", "", "", "", {}},
      {"Example Oncology Society. A living guideline for testing. Available from: "
       "https://www.example.org/guideline. Accessed 1 March 2025.",
       {"Example Oncology Society"}, false, "A living guideline for testing", "", "", std::nullopt, "", "",
       "", "", "", "", "https://www.example.org/guideline", {}},
      {"Li M, Wang H. Deep learning for HER2 scoring[C]//Proceedings of a digital pathology meeting. "
       "Beijing: Example Press, 2021: 45-52.",
       {"Li M", "Wang H"}, false, "Deep learning for HER2 scoring", "C", "", 2021, "", "", "45-52", "", "",
       "", "", {}},
      {"Zhou Q. HER2-low breast cancer in routine practice[D]. Shanghai: Example University, 2022.",
       {"Zhou Q"}, false, "HER2-low breast cancer in routine practice", "D", "", 2022, "", "", "", "", "",
       "", "", {}},
      {"Chen L, Xu B. Real-world use of trastuzumab deruxtecan[J/OL]. Test J Oncol, 2024, 46(2): 101-108 "
       "[2024-05-01]. https://doi.org/10.5555/tjo.2024.0002.",
       {"Chen L", "Xu B"}, false, "Real-world use of trastuzumab deruxtecan", "J/OL", "Test J Oncol", 2024,
       "46", "2", "101-108", "10.5555/tjo.2024.0002", "", "", "", {}},
      {"Bergk, V., Haefeli, W. E., Gasse, C., Brenner, H. & Martin- Facklam, M. Information deficits in "
       "the summary of product characteristics. European Journal of Clinical Pharmacology 2005, 61, "
       "327–335.",
       {"Bergk, V.", "Haefeli, W. E.", "Gasse, C.", "Brenner, H.", "Martin- Facklam, M"}, false,
       "Information deficits in the summary of product characteristics", "",
       "European Journal of Clinical Pharmacology", 2005, "61", "", "327–335", "", "", "", "", {}},
      {"Doe, J. (2009). A report on something. Example Institute. http://www.example.org/report.pdf",
       {"Doe, J"}, false, "A report on something", "", "", 2009, "", "", "", "", "", "",
       "http://www.example.org/report.pdf", {}},
      {"Zhang J. Registry record of trial NCT05824325 and NCT05633979 [EB/OL]. (2023-06-27).",
       {"Zhang J"}, false, "Registry record of trial NCT05824325 and NCT05633979", "EB/OL", "", 2023, "", "",
       "", "", "", "", "", {"NCT05824325", "NCT05633979"}},
      // Korean author-year: names joined by a full stop, the year glued to them.
      {"김민수.이지은(2020). 유방암 환자의 삶의 질 연구. 종양간호연구, 20(2), 101-110.",
       {"김민수", "이지은"}, false, "유방암 환자의 삶의 질 연구", "", "종양간호연구", 2020, "20", "2", "101-110",
       "", "", "", "", {}},
      // Korean volume and number markers ("제12권, 제3호"); "2018, pp." is no volume.
      {"박서준, '표적치료제의 비용 분석,' 보건경제연구, 제12권, 제3호, 2021, pp. 45-60.",
       {"박서준"}, false, "표적치료제의 비용 분석", "", "보건경제연구", 2021, "12", "3", "45-60", "", "", "", "",
       {}},
      // The series letter belongs to the journal; a title ends at the last comma.
      {"A. Author and B. Writer, Heavy quark decays in a model, Phys. Rev. D47, 2982 (1993).",
       {"A. Author", "B. Writer"}, false, "Heavy quark decays in a model", "", "Phys. Rev. D", 1993, "47", "",
       "2982", "", "", "", "", {}},
      {"C. Author, Lattice study of baryons,Nucl. Phys. B396 (1993) 38.",
       {"C. Author"}, false, "Lattice study of baryons", "", "Nucl. Phys. B", 1993, "396", "", "38", "", "", "",
       "", {}},
      {"Lee H, Park S (2018), A cohort of patients with gastric cancer, Korean Journal of Oncology, 14(5), "
       "127-139.",
       {"Lee H", "Park S"}, false, "A cohort of patients with gastric cancer", "", "Korean Journal of Oncology",
       2018, "14", "5", "127-139", "", "", "", "", {}},
      // Of the physics and mathematics layouts, the one that starts first wins.
      {"M. Author et al., Phys. Rev. Lett. 115, 231301 (2015), 1503.02641.",
       {"M. Author"}, true, "", "", "Phys. Rev. Lett", 2015, "115", "", "231301", "", "", "", "", {}},
      {"G. Writer, M. Author, Twisted loop groups and flag varieties, Adv. Math. 219 (2008), no. 1, 118-198.",
       {"G. Writer", "M. Author"}, false, "Twisted loop groups and flag varieties", "", "Adv. Math", 2008, "219",
       "1", "118-198", "", "", "", "", {}},
      {"C. Writer, A simple transformation for waves, Physics Letters A, 22 (4) (1996) 77-84.",
       {"C. Writer"}, false, "A simple transformation for waves", "", "Physics Letters A", 1996, "22", "4",
       "77-84", "", "", "", "", {}},
      // "No. 111" before the pages is the issue; the volume is "Vol. 24".
      {"E. Author. \"Factoring polynomials over finite fields,\" Mathematics of Computation, Vol. 24, No. 111, "
       "pp. 713-735 (1970).",
       {"E. Author"}, false, "Factoring polynomials over finite fields", "", "Mathematics of Computation", 1970,
       "24", "111", "713-735", "", "", "", "", {}},
      // IOP after an author-year head.
      {"Smith J T et al 2015 Phys. Rev. Lett. 114 082501",
       {"Smith J T"}, true, "", "", "Phys. Rev. Lett", 2015, "114", "", "082501", "", "", "", "", {}},
      // A book's imprint in brackets is no part of its title.
      {"P. J. Author, Applications of Groups to Equations (Springer, New York, 1986).",
       {"P. J. Author"}, false, "Applications of Groups to Equations", "", "", 1986, "", "", "", "", "", "", "",
       {}},
      // Full stops and commas detached from their words by PDF extraction.
      {"Doe, D. T. & Roe, B. Z. Chiral anomaly in layered metals .Phys .Rev .B 88 ,104412 ( 2013).",
       {"Doe, D. T.", "Roe, B. Z"}, false, "Chiral anomaly in layered metals", "", "Phys. Rev. B", 2013, "88", "",
       "104412", "", "", "", "", {}},
      {"A. Writer, Symmetry analysis of a wave equation ,Int .J .Geom .Methods Mod .Phys .12 ,1550033 ( 2015)",
       {"A. Writer"}, false, "Symmetry analysis of a wave equation", "", "Int. J. Geom. Methods Mod. Phys", 2015,
       "12", "", "1550033", "", "", "", "", {}},
      // A dotted name list that ends in "Family et al.,".
      {"A. Writer, D. Author, B. Person et al., A study of nuclear data, Nucl. Data Sheets 119, 338 (2014).",
       {"A. Writer", "D. Author", "B. Person"}, true, "A study of nuclear data", "", "Nucl. Data Sheets", 2014,
       "119", "", "338", "", "", "", "", {}},
      // An arXiv identifier ends the bibliographic part, as a DOI does.
      {"R. Author, Cosmological perturbation theory, arXiv:astro-ph/0402129.",
       {"R. Author"}, false, "Cosmological perturbation theory", "", "", std::nullopt, "", "", "", "", "", "", "",
       {}},
      // Vancouver without the full stop between title and journal.
      {"Smith AB, Jones CD. Tumour suppressors in breast tissue Cancer Res 2001; 61:1234-1240.",
       {"Smith AB", "Jones CD"}, false, "Tumour suppressors in breast tissue", "", "Cancer Res", 2001, "61", "",
       "1234-1240", "", "", "", "", {}},
      // Given names first, the last joined by "and", "et" or ", and"; family
      // names of two words or with a particle.
      {"A. Writer and B. Da Costa, Spin waves in thin films, J. Appl. Phys. 83 (2004) 53-75.",
       {"A. Writer", "B. Da Costa"}, false, "Spin waves in thin films", "", "J. Appl. Phys", 2004, "83", "",
       "53-75", "", "", "", "", {}},
      {"C. Author, D. Writer et E. Person, Synthese des amines, Bull. Soc. Chim. Fr. 12 (1975) 235-240.",
       {"C. Author", "D. Writer", "E. Person"}, false, "Synthese des amines", "", "Bull. Soc. Chim. Fr", 1975,
       "12", "", "235-240", "", "", "", "", {}},
      {"F. Person, G. Writer, and H. von Author, Edge states of layered insulators, Phys. Rev. B 95, 235143 "
       "(2017).",
       {"F. Person", "G. Writer", "H. von Author"}, false, "Edge states of layered insulators", "", "Phys. Rev. B",
       2017, "95", "", "235143", "", "", "", "", {}},
      // Number layouts: "vol(issue) pages (year)", "(year) vol, pages",
      // "year; vol, pages N-M", "vol(issue) pages, Month year", "vol, (year), ppN-M".
      {"D. Writer, Light scattering in fibres, Applied Optics 38(33) 6818 (1999).",
       {"D. Writer"}, false, "Light scattering in fibres", "", "Applied Optics", 1999, "38", "33", "6818", "", "",
       "", "", {}},
      {"Smith J, Jones K. Tumour markers in serum. British Journal of Cancer (2004) 90, 515-521.",
       {"Smith J", "Jones K"}, false, "Tumour markers in serum", "", "British Journal of Cancer", 2004, "90", "",
       "515-521", "", "", "", "", {}},
      {"Writer DS. A linear algorithm for sequences. Communications of the ACM 1975; 18, pages 341-343.",
       {"Writer DS"}, false, "A linear algorithm for sequences", "", "Communications of the ACM", 1975, "18", "",
       "341-343", "", "", "", "", {}},
      {"A. Person. Maps of trees. ACM Transactions on Graphics, 11(1) 1-39, Jan. 1992.",
       {"A. Person"}, false, "Maps of trees", "", "ACM Transactions on Graphics", 1992, "11", "1", "1-39", "", "",
       "", "", {}},
      {"Author, V. M. & Writer, G. C. Polaritons in films. Sol. State Commn. 135, (2005), pp544-553.",
       {"Author, V. M.", "Writer, G. C"}, false, "Polaritons in films", "", "Sol. State Commn", 2005, "135", "",
       "544-553", "", "", "", "", {}},
      // "vol(issue). pages. year" and "vol (issue)" with no pages at the end.
      {"A. Writer. Talking while chewing. Canadian Acoustics. 37(3). 144-145. 2009.",
       {"A. Writer"}, false, "Talking while chewing", "", "Canadian Acoustics", 2009, "37", "3", "144-145", "", "",
       "", "", {}},
      // A newspaper's date in brackets is a date, not volume 27 and page 1969.
      {"Writer, A. \"Banks raise the prime rate.\" The Daily Ledger (March 27, 1969).",
       {"Writer, A"}, false, "Banks raise the prime rate", "", "The Daily Ledger", 1969, "", "", "", "", "", "",
       "", {}},
      {"Writer, A. 2000. Digital workflow management. First Monday 5 (6).",
       {"Writer, A"}, false, "Digital workflow management", "", "First Monday", 2000, "5", "6", "", "", "", "",
       "", {}},
  };
  return cases;
}

TEST(ParseReferenceString, Styles) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.input);
    Reference r = ParseReferenceString(c.input);
    EXPECT_EQ(r.authors, c.authors);
    EXPECT_EQ(r.et_al, c.et_al);
    EXPECT_EQ(r.title, c.title);
    EXPECT_EQ(r.type, c.type);
    EXPECT_EQ(r.journal, c.journal);
    EXPECT_EQ(r.year, c.year);
    EXPECT_EQ(r.volume, c.volume);
    EXPECT_EQ(r.issue, c.issue);
    EXPECT_EQ(r.pages, c.pages);
    EXPECT_EQ(r.doi, c.doi);
    EXPECT_EQ(r.pmid, c.pmid);
    EXPECT_EQ(r.pmcid, c.pmcid);
    EXPECT_EQ(r.url, c.url);
    EXPECT_EQ(r.nct, c.nct);
    EXPECT_EQ(r.n, 0);
  }
}

TEST(ParseReferenceString, FoldsWhitespaceInRaw) {
  Reference r = ParseReferenceString("  Doe J.\n  A title.\tJ Test. 2020;1:2-3.  ");
  EXPECT_EQ(r.raw, "Doe J. A title. J Test. 2020;1:2-3.");
  EXPECT_EQ(r.title, "A title");
  EXPECT_EQ(r.journal, "J Test");
}

TEST(ParseReferenceString, NeverFailsOnJunk) {
  for (std::string s : {std::string(), std::string("...."), std::string("[J]"), std::string("(((("),
                        std::string("1999"), std::string("\xE4\xB8"), std::string(". . [EB/OL]. ( ) [ ]"),
                        std::string(5000, '.'), std::string("A, B, C, D, E, F. G[J]. H, 2020, (: ")}) {
    SCOPED_TRACE(s.substr(0, 40));
    Reference r = ParseReferenceString(s);
    EXPECT_LE(r.title.size(), s.size());
  }
}

}  // namespace
}  // namespace ckb::citations
