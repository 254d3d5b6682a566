# Writes the data of tests/golden/vn/regime_YYYY and tests/cli/eval_vn_bad_data (before its
# deliberate errors): python3 make_regime.py regime_2024/data.
import os, sys
out=sys.argv[1]; os.makedirs(out, exist_ok=True)
def write(name, header, rows):
    with open(os.path.join(out,name),"w",encoding="utf-8") as f:
        f.write(header+"\n")
        for r in rows: f.write(",".join(str(x) for x in r)+"\n")
Y=range(2023,2027)
write("units.csv","unit_id,parent_id,name,kind,cluster,branch,min_months_worked,cstdcs_quota,quota_rounding",[
 ("R1","","UBND xã Hải Anh","commune","K1","dia_phuong","","",""),
 ("R2","","UBND huyện Hải Hậu","district","K1","dia_phuong","","",""),
 ("R3","R1","Thôn Hải Trung","village","K1","dia_phuong","","","")])
write("unit_years.csv","unit_id,year,rating,score,hold,movement,solidarity,exceeded_targets,new_models,cluster_leader,culture_criteria",
 [(u,y,"HTT","80.00","none","1","1","0","0","0","1" if u=="R3" else "0") for u in ("R1","R2","R3") for y in Y])
write("people.csv","person_id,full_name,birth_year,sex,recruited_on",[
 ("P1","Nguyễn Thị Hạnh","1980","nu","2005-09-01"),
 ("P2","Trần Văn Hòa","1978","nam","2003-02-15"),
 ("P3","Lê Thị Thu","1988","nu","2012-08-01")])
rows=[]
for y in Y:
    rows.append(("P1",y,"R1","HTXS","none","12","none","0","0","90.00","","none","1","0"))
    rows.append(("P2",y,"R2","HTXS","none","12","none","0","0","88.00","","none","1","0"))
    rows.append(("P3",y,"R1","HTXS","none","12","none","0","0","92.00","","none","1","0"))
write("person_years.csv","person_id,year,unit_id,rating,discipline,months_worked,leave,leave_months,training_months,score,discipline_until,hold,exemplary,notable",rows)
write("initiatives.csv","initiative_id,person_id,year,kind,scope,used_for",
 [(f"I3{y}{k}","P3",y,"sang_kien","co_so","") for y in Y for k in (1,2)])
write("households.csv","household_id,village_id,head_name",[])
write("household_years.csv","household_id,year,culture_criteria,hold",[])
write("awards.csv","entity_id,year,award,kind,decision_date,issuer_level",[])
