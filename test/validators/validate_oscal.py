"""Validates an OSCAL Assessment Results JSON file with compliance-trestle's model.

Usage: validate_oscal.py FILE. Prints "ok <observations> <findings>" and exits 0 when the
document loads into trestle.oscal.assessment_results.AssessmentResults (pydantic, unknown
fields forbidden, every pattern and enum checked); prints the first errors and exits 1 when not.
"""

import json
import sys

from trestle.oscal import OSCAL_VERSION
from trestle.oscal.assessment_results import AssessmentResults


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if set(doc) != {"assessment-results"}:
        print(f"top level must be exactly 'assessment-results', got {sorted(doc)}")
        return 1
    body = doc["assessment-results"]
    if body.get("metadata", {}).get("oscal-version") != OSCAL_VERSION:
        print(f"oscal-version is not trestle's {OSCAL_VERSION}")
        return 1
    try:
        model = AssessmentResults.parse_obj(body)
    except Exception as err:  # pydantic's ValidationError, whatever its import path
        print(str(err)[:4000])
        return 1
    observations = sum(len(r.observations or []) for r in model.results)
    findings = sum(len(r.findings or []) for r in model.results)
    print(f"ok {observations} {findings}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
