"""Validates ASFF batch files against botocore's Security Hub service model, the shapes the
BatchImportFindings API itself declares: each finding against AwsSecurityFinding (required
members, no unknown member, types, string lengths, enums, list sizes), and each file as one
call's `Findings` (1 to 100), all for one account and region, named after them.
Prints a JSON summary; exits 1 with the reasons when anything would be refused.

usage: validate_asff.py BATCH_FILE [BATCH_FILE ...]
"""
import json
import os
import re
import sys

import botocore.session


def check(shape, value, path, problems):
    t = shape.type_name
    if t == "structure":
        if not isinstance(value, dict):
            return problems.append(f"{path}: expected an object")
        for name in shape.required_members:
            if name not in value:
                problems.append(f"{path}: missing required {name}")
        for name, v in value.items():
            if name not in shape.members:
                problems.append(f"{path}: unknown member {name}")
            else:
                check(shape.members[name], v, f"{path}.{name}", problems)
    elif t == "list":
        if not isinstance(value, list):
            return problems.append(f"{path}: expected a list")
        m = shape.metadata
        if "min" in m and len(value) < m["min"] or "max" in m and len(value) > m["max"]:
            problems.append(f"{path}: {len(value)} items, outside {m}")
        for i, v in enumerate(value):
            check(shape.member, v, f"{path}[{i}]", problems)
    elif t == "map":
        if not isinstance(value, dict):
            return problems.append(f"{path}: expected a map")
        for k, v in value.items():
            check(shape.key, k, f"{path}<key>", problems)
            check(shape.value, v, f"{path}[{k!r}]", problems)
    elif t == "string":
        if not isinstance(value, str):
            return problems.append(f"{path}: expected a string")
        m = shape.metadata
        if "min" in m and len(value) < m["min"] or "max" in m and len(value) > m["max"]:
            problems.append(f"{path}: length {len(value)} outside {m}")
        if "pattern" in m and not re.fullmatch(m["pattern"], value, re.S):
            problems.append(f"{path}: does not match {m['pattern']}")
        if shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} not one of {shape.enum}")
    elif t in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected an integer")
    elif t in ("double", "float"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: expected a number")
    elif t == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected a boolean")


# The model declares no lengths for these; the ASFF syntax page of the Security Hub user guide
# does, and BatchImportFindings refuses a finding past them (each finding at most 240 KB).
DOCUMENTED_MAX_LENGTH = {
    ("Title",): 256,
    ("Description",): 1024,
    ("Remediation", "Recommendation", "Text"): 512,
    ("Note", "Text"): 512,
    ("AwsAccountName",): 50,
}
MAX_FINDING_BYTES = 240 * 1024


def documented_limits(f, where, problems):
    for keys, limit in DOCUMENTED_MAX_LENGTH.items():
        v = f
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        if isinstance(v, str) and len(v) > limit:
            problems.append(f"{where}.{'.'.join(keys)}: length {len(v)} over {limit}")
    if len(f.get("ProductFields", {})) > 50:
        problems.append(f"{where}.ProductFields: more than 50 pairs")
    if len(f.get("Compliance", {}).get("RelatedRequirements", [])) > 32:
        problems.append(f"{where}.Compliance.RelatedRequirements: more than 32")
    if len(json.dumps(f).encode()) > MAX_FINDING_BYTES:
        problems.append(f"{where}: over 240 KB")


def main(paths) -> int:
    model = botocore.session.get_session().get_service_model("securityhub")
    findings_shape = model.operation_model("BatchImportFindings").input_shape.members["Findings"]
    problems = []
    total = 0
    accounts = set()
    for path in paths:
        name = os.path.basename(path)
        batch = json.load(open(path, encoding="utf-8"))
        check(findings_shape, batch, name, problems)
        if not isinstance(batch, list):
            continue
        total += len(batch)
        for i, f in enumerate(batch):
            if isinstance(f, dict):
                documented_limits(f, f"{name}[{i}]", problems)
        where = {(f.get("AwsAccountId"), f.get("Region")) for f in batch}
        if len(where) != 1:
            problems.append(f"{name}: findings for {sorted(where)}, not one account and region")
        else:
            account, region = next(iter(where))
            accounts.add(account)
            if not re.fullmatch(rf"{re.escape(account)}-{re.escape(region)}-\d{{3}}\.json", name):
                problems.append(f"{name}: not named after {account} and {region}")
            for f in batch:
                arn = f.get("ProductArn", "")
                if f":securityhub:{region}:{account}:product/" not in arn:
                    problems.append(f"{name}: ProductArn {arn} is not this account and region's")
    print(json.dumps({"files": len(paths), "findings": total, "accounts": sorted(accounts), "problems": problems[:20]}))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
