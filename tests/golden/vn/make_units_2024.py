# Writes tests/golden/vn/units_2024/data (usage: python3 make_units_2024.py units_2024/data).
import os, sys
out = sys.argv[1]; os.makedirs(out, exist_ok=True)
units=[]; uyears=[]; people=[]; pyears=[]; hh=[]; hhy=[]; awards=[]
def unit(uid, name, kind="agency", cluster="K1", members=(), **y):
    units.append((uid,"",name,kind,cluster,"dia_phuong","","",""))
    d=dict(rating="HTXS",score="80.00",hold="none",movement="1",solidarity="1",exceeded="1",new_models="1",leader="0",culture="0")
    d.update(y)
    uyears.append((uid,2024,d["rating"],d["score"],d["hold"],d["movement"],d["solidarity"],d["exceeded"],d["new_models"],d["leader"],d["culture"]))
    for n,(rating,disc) in enumerate(members,1):
        pid=f"M{uid[1:]}{n:02d}"
        people.append((pid,f"Thành viên {uid}-{n}","1985","nu","2010-01-01"))
        pyears.append((pid,2024,uid,rating,disc,"12","none","0","0","80.00","","none","1","0"))
def m(ldtt=0, cstdcs=0, ht=0, kht=0):
    return [("HTXS","none")]*cstdcs + [("HTT","none")]*ldtt + [("HT","none")]*ht + [("KHT","none")]*kht
unit("V01","Phòng Một", members=m(ldtt=2, ht=2), rating="HTT")
unit("V02","Phòng Hai", members=m(ldtt=3, ht=2), rating="HTT")
unit("V03","Phòng Ba", members=m(cstdcs=1, ldtt=6, ht=3), leader="1")
unit("V04","Phòng Bốn", members=m(cstdcs=1, ldtt=5, ht=4))
unit("V05","Phòng Năm", members=m(cstdcs=1, ldtt=7, ht=1, kht=1))
unit("V06","Phòng Sáu", members=m(cstdcs=1, ldtt=7, ht=2), rating="")
unit("V07","Phòng Bảy", members=m(ldtt=3)+[("HT","canh_cao")], rating="HTT")
unit("V08","Phòng Tám", members=m(ldtt=8, ht=2))
unit("V09","Thôn Hải Thượng", kind="village", members=m(ldtt=2), rating="HTT", culture="1")
unit("V10","Thôn Hải Hạ", kind="village", members=m(ldtt=2), rating="HTT", culture="")
unit("V11","Phòng Mười Một", members=m(ldtt=2), rating="HTT", hold="dieu_tra")
unit("V12","Phòng Mười Hai", members=m(cstdcs=1, ldtt=8), rating="HTT", leader="1")
unit("V13","Phòng Mười Ba", members=m(ldtt=2), rating="HTT", movement="")
unit("V14","Phòng Mười Bốn", members=m(ldtt=2), rating="HT")
unit("V15","Phòng Mười Lăm", members=m(cstdcs=1, ldtt=9), movement="0", solidarity="0", exceeded="0", new_models="0", leader="0")
unit("V16","Phòng Mười Sáu", members=m(cstdcs=1, ldtt=7)+[("","none")], solidarity="", exceeded="", new_models="", leader="")
unit("V18","Phòng Mười Tám", members=m(ldtt=8)+[("","none")])
unit("V19","Thôn Hải Nam", kind="village", members=m(ldtt=2), rating="HTT", culture="1", hold="khieu_nai")
unit("V17","Thôn Hải Đông", kind="village", members=m(ldtt=2), rating="HTT", culture="0")
for hid, crit, hold in [("H1","1","none"),("H2","0","none"),("H3","1","khieu_nai"),("H4","","none")]:
    hh.append((hid,"V09",f"Hộ {hid}")); hhy.append((hid,2024,crit,hold))
def write(name, header, rows):
    with open(os.path.join(out,name),"w",encoding="utf-8") as f:
        f.write(header+"\n")
        for r in rows: f.write(",".join(str(x) for x in r)+"\n")
write("units.csv","unit_id,parent_id,name,kind,cluster,branch,min_months_worked,cstdcs_quota,quota_rounding",units)
write("unit_years.csv","unit_id,year,rating,score,hold,movement,solidarity,exceeded_targets,new_models,cluster_leader,culture_criteria",uyears)
write("people.csv","person_id,full_name,birth_year,sex,recruited_on",people)
write("person_years.csv","person_id,year,unit_id,rating,discipline,months_worked,leave,leave_months,training_months,score,discipline_until,hold,exemplary,notable",pyears)
write("initiatives.csv","initiative_id,person_id,year,kind,scope,used_for",[])
write("households.csv","household_id,village_id,head_name",hh)
write("household_years.csv","household_id,year,culture_criteria,hold",hhy)
write("awards.csv","entity_id,year,award,kind,decision_date,issuer_level",[])
