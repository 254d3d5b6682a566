# Writes tests/golden/vn/persons_2024/data (usage: python3 make_persons_2024.py persons_2024/data).
# The cases and their expected outcomes are listed in persons_2024/expect.
import os, sys
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
units = [
 # id, parent, name, kind, cluster, branch, min_months, quota, rounding
 ("U1","","UBND xã Thử Nghiệm","commune","K1","dia_phuong","10","",""),
 ("U2","","Sở Thử Nghiệm","agency","K1","dia_phuong","","15%","xuong"),
 ("U3","","Công ty Thử Nghiệm","enterprise","K2","dia_phuong","","15%","len"),
 ("U4","","Trường Thử Nghiệm (bộ)","school","K2","bo_nganh","","",""),
 ("U5","","UBND huyện Thử Nghiệm","district","K3","dia_phuong","","",""),
 ("U6","","Hợp tác xã Thử Nghiệm","enterprise","K2","dia_phuong","","",""),
 ("U7","","Chi cục Thử Nghiệm","agency","K1","dia_phuong","","",""),
]
people = []   # id, name, birth, sex, recruited
years = []    # id, year, unit, rating, discipline, months, leave, leave_months, training, score, until, hold, exemplary, notable
inits = []    # id, person, year, kind, scope, used_for
awards = []   # entity, year, award, kind
def person(pid, name, recruited="2010-03-01", sex="nu", rows=None):
    people.append((pid, name, "1985", sex, recruited))
    for r in rows:
        d = dict(year=2024, unit="U1", rating="HTT", discipline="none", months="12", leave="none",
                 leave_months="0", training="0", score="80.00", until="", hold="none", exemplary="1", notable="0")
        d.update(r)
        years.append((pid, d["year"], d["unit"], d["rating"], d["discipline"], d["months"], d["leave"],
                      d["leave_months"], d["training"], d["score"], d["until"], d["hold"], d["exemplary"], d["notable"]))
def init(iid, pid, year, scope="co_so", used="", kind="sang_kien"):
    inits.append((iid, pid, str(year), kind, scope, used))
def award(e, y, a, kind="cong_trang"):
    awards.append((e, str(y), a, kind))

# ---- LDTT (U1: commune, minimum 10 months) ----
person("A01","Nguyễn Thị An", rows=[{}])
person("A02","Trần Văn Bình", sex="nam", rows=[{"rating":"HT"}])
person("A03","Lê Thị Cúc", rows=[{"rating":""}])
person("A04","Phạm Văn Dũng", sex="nam", rows=[{"exemplary":"0"}])
person("A05","Hoàng Thị Giang", rows=[{"exemplary":""}])
person("A06","Vũ Văn Hải", sex="nam", recruited="2024-07-01", rows=[{"unit":"U2","months":"6"}])
person("A07","Đặng Thị Hoa", recruited="2024-07-03", rows=[{"unit":"U2","months":"6"}])
person("A08","Bùi Văn Hùng", sex="nam", recruited="", rows=[{}])
person("A09","Đỗ Thị Lan", rows=[{"until":"2024-07-01"}])
person("A10","Hồ Văn Long", sex="nam", rows=[{"until":"2024-07-03"}])
person("A11","Ngô Thị Mai", rows=[{"discipline":"khien_trach"}])
person("A12","Dương Văn Nam", sex="nam", rows=[{"months":"9"}])
person("A13","Lý Thị Oanh", rows=[{"months":"10"}])
person("A14","Nguyễn Thị Phương", rows=[{"months":"5","leave":"thai_san","leave_months":"5"}])
person("A15","Trần Văn Quân", sex="nam", rows=[{"months":"5","leave":"om_dai_ngay","leave_months":"5"}])
person("A16","Lê Văn Sơn", sex="nam", rows=[{"months":"8","training":"2"}])
person("A17","Phạm Thị Tâm", rows=[{"hold":"khieu_nai"}])
person("A18","Hoàng Văn Tuấn", sex="nam", rows=[{"unit":"U2","months":"3"}])

# ---- CSTDCS (U1: no quota) ----
person("B01","Vũ Thị Yến", rows=[{"rating":"HTXS"}])
person("B02","Đặng Văn Việt", sex="nam", rows=[{}]); init("I0201","B02",2024)
person("B03","Bùi Thị Thảo", rows=[{}]); init("I0301","B03",2024,used="BK_TINH")
person("B04","Đỗ Văn Trung", sex="nam", rows=[{}]); init("I0401","B04",2023)
person("B05","Hồ Thị Trang", rows=[{"rating":""}])
# U2: quota 15% of 7 LDTT, rounded down = 1 place
person("B06","Ngô Văn Khoa", sex="nam", rows=[{"unit":"U2","rating":"HTXS","score":"95.00"}])
person("B07","Dương Thị Kim", rows=[{"unit":"U2","rating":"HTXS","score":"90.00"}])
for i in range(1,6): person(f"F0{i}", f"Nhân viên Sở {i}", rows=[{"unit":"U2"}])
# U3: quota 15% of 7 LDTT, rounded up = 2 places
person("B08","Lý Văn Lâm", sex="nam", rows=[{"unit":"U3","rating":"HTXS","score":"95.00"}])
person("B09","Nguyễn Văn Minh", sex="nam", rows=[{"unit":"U3","rating":"HTXS","score":"92.00"}])
person("B10","Trần Thị Ngọc", rows=[{"unit":"U3","rating":"HTXS","score":"90.00"}])
for i in range(1,5): person(f"G0{i}", f"Công nhân {i}", rows=[{"unit":"U3"}])

# ---- CSTD_TINH, CSTD_TOANQUOC ----
person("C01","Lê Thị Quỳnh", rows=[{"rating":"HTXS"}]); award("C01",2022,"CSTDCS"); award("C01",2023,"CSTDCS"); init("I1101","C01",2023,"tinh")
person("C02","Phạm Văn Phúc", sex="nam", rows=[{"rating":"HTXS"}]); award("C02",2021,"CSTDCS"); award("C02",2023,"CSTDCS"); init("I1201","C02",2023,"tinh")
person("C03","Hoàng Thị Nhung", rows=[{"rating":"HTXS"}]); award("C03",2022,"CSTDCS"); award("C03",2023,"CSTDCS"); init("I1301","C03",2023,"co_so")
person("C05","Vũ Văn Thắng", sex="nam", rows=[{"rating":"HTXS"}]); award("C05",2022,"CSTDCS"); award("C05",2023,"CSTDCS"); award("C05",2023,"CSTD_TINH"); init("I1501","C05",2024,"toan_quoc")
person("C06","Đặng Thị Uyên", rows=[{"rating":"HTXS"}]); award("C06",2022,"CSTDCS"); award("C06",2023,"CSTDCS"); award("C06",2022,"CSTD_TINH"); init("I1601","C06",2024,"toan_quoc")

# ---- BK_TINH ----
person("D01","Bùi Văn Toàn", sex="nam", rows=[{"year":2023,"rating":"HTXS"},{"rating":"HTXS"}]); init("I2101","D01",2023); init("I2102","D01",2024)
person("D02","Đỗ Thị Vân", rows=[{"year":2023,"rating":"HTT"},{"rating":"HTXS"}]); init("I2201","D02",2023); init("I2202","D02",2024)
person("D03","Hồ Văn Xuân", sex="nam", rows=[{"year":2023,"rating":"HTXS"},{}]); award("D03",2023,"CSTDCS"); init("I2301","D03",2023); init("I2302","D03",2024)
person("D04","Ngô Thị Xuyến", rows=[{"year":2023,"rating":"HTXS"},{}]); award("D04",2023,"CSTDCS"); init("I2401","D04",2023); init("I2402","D04",2024); init("I2403","D04",2024,kind="de_tai")
person("D05","Dương Văn Ý", sex="nam", rows=[{"rating":"HTXS"}]); init("I2501","D05",2024); init("I2502","D05",2024)
person("D06","Lý Thị Ánh", rows=[{"notable":"1"}])

# ---- BK_TTG, HCLD_3: 2020..2024 ----
def five(pid, name, ratings, sex="nu", skip=()):
    rows = []
    for y, r in zip(range(2020, 2025), ratings):
        if y in skip: continue
        rows.append({"year": y, "rating": r})
    person(pid, name, sex=sex, rows=rows)
five("E01","Nguyễn Văn Bảo",["HTT","HTXS","HTXS","HTT","HTXS"], sex="nam"); award("E01",2019,"BK_TINH"); award("E01",2021,"CSTDCS"); award("E01",2022,"CSTDCS")
five("E02","Trần Thị Chi",["HTT","HTXS","HTXS","HTT","HTXS"]); award("E02",2019,"BK_TINH","dot_xuat"); award("E02",2021,"CSTDCS"); award("E02",2022,"CSTDCS")
five("E03","Lê Văn Đức",["HTT","HTXS","HTXS","HTT","HTXS"], sex="nam"); award("E03",2020,"BK_TINH"); award("E03",2021,"CSTDCS"); award("E03",2022,"CSTDCS")
five("E04","Phạm Thị Hằng",["HTT","HTXS","HTXS","HTT","HTXS"], skip=(2022,)); award("E04",2019,"BK_TINH"); award("E04",2021,"CSTDCS"); award("E04",2022,"CSTDCS")
five("E05","Hoàng Văn Khánh",["HTT","HTXS","HTT","HTT","HTXS"], sex="nam"); award("E05",2019,"BK_TINH"); award("E05",2021,"CSTDCS")
five("E06","Vũ Thị Liên",["HTT","HTXS","HTXS","HTT","HTXS"]); award("E06",2018,"BK_TTG"); award("E06",2021,"CSTDCS"); award("E06",2022,"CSTDCS")
five("E07","Đặng Văn Mạnh",["HTT","HTT","HTT","HTT","HTT"], sex="nam"); award("E07",2018,"BK_TTG"); award("E07",2021,"CSTDCS"); award("E07",2022,"CSTDCS"); init("I3701","E07",2024)

# ---- Giấy khen by issuer ----
person("G11","Bùi Thị Nga", rows=[{"rating":"HTXS"}])
person("G12","Đỗ Văn Phong", sex="nam", rows=[{"unit":"U5","rating":"HTXS"}])
person("G13","Hồ Thị Quế", rows=[{"unit":"U4","rating":"HTXS"}])
person("G14","Ngô Văn Rạng", sex="nam", rows=[{"unit":"U3","rating":"HTT","notable":"1"}])

# ---- missing-data cases (an empty assessment or rating) ----
person("D07","Trịnh Thị Bảo", rows=[{"notable":""}]); init("I2701","D07",2024)
person("C07","Mạc Văn Cường", sex="nam", rows=[{"rating":""}]); award("C07",2022,"CSTDCS"); award("C07",2023,"CSTDCS"); award("C07",2023,"CSTD_TINH"); init("I1701","C07",2023,"tinh")
five("E08","Kiều Thị Diệp",["HTT","HTXS","","HTT","HTXS"]); award("E08",2019,"BK_TINH"); award("E08",2021,"CSTDCS"); award("E08",2023,"CSTDCS")
person("G15","Tôn Thị Giao", rows=[{"rating":"HTXS","exemplary":""}])
person("G16","Âu Văn Hậu", sex="nam", rows=[{"unit":"U7","rating":"HTXS","exemplary":""}])
person("G17","La Thị Huệ", rows=[{"unit":"U6","rating":"HTXS","exemplary":""}])
person("G18","Vi Văn Kiên", sex="nam", rows=[{"unit":"U5","rating":"HTXS","exemplary":""}])

# Holds in units without a quota (a held member leaves a unit's LĐTT count undecided).
person("G19","Giáp Thị Lụa", rows=[{"unit":"U7","rating":"HTXS","hold":"dieu_tra"}])
person("G20","Khổng Văn Lực", sex="nam", rows=[{"unit":"U6","rating":"HTXS","hold":"bao_chi"}])
person("G21","Nông Thị Mơ", rows=[{"unit":"U5","rating":"HTXS","hold":"xem_xet_ky_luat"}])

def write(name, header, rows):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")
write("units.csv","unit_id,parent_id,name,kind,cluster,branch,min_months_worked,cstdcs_quota,quota_rounding", units)
write("people.csv","person_id,full_name,birth_year,sex,recruited_on", people)
write("person_years.csv","person_id,year,unit_id,rating,discipline,months_worked,leave,leave_months,training_months,score,discipline_until,hold,exemplary,notable", sorted(years, key=lambda r:(r[0], r[1])))
write("unit_years.csv","unit_id,year,rating,score,hold,movement,solidarity,exceeded_targets,new_models,cluster_leader,culture_criteria",
      [(u[0],2024,"HTT","80.00","none","1","1","0","0","0","0") for u in units])
write("initiatives.csv","initiative_id,person_id,year,kind,scope,used_for", inits)
write("households.csv","household_id,village_id,head_name", [])
write("household_years.csv","household_id,year,culture_criteria,hold", [])
write("awards.csv","entity_id,year,award,kind,decision_date,issuer_level", [(a[0],a[1],a[2],a[3],f"{int(a[1])+1}-01-20","") for a in sorted(awards)])
