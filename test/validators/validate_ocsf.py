"""Validates OCSF events as py-ocsf-models (the models Prowler's OCSF output is built on) reads
them, with unknown fields forbidden at every level: a misspelt or invented attribute is an error,
not silently dropped. Reads a JSON array (.json) or one event per line (.jsonl).
Prints a JSON summary; exits 1 with the reasons when any event is refused.

usage: validate_ocsf.py EVENTS_FILE
"""
import importlib
import json
import pkgutil
import sys

import py_ocsf_models
from pydantic import BaseModel
from py_ocsf_models.events.findings.detection_finding import DetectionFinding


def forbid_extra_everywhere() -> None:
    classes = set()
    for mod in pkgutil.walk_packages(py_ocsf_models.__path__, "py_ocsf_models."):
        module = importlib.import_module(mod.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
                classes.add(value)
    for cls in classes:
        cls.model_config["extra"] = "forbid"
    # Twice: a model's schema embeds its fields' schemas as they were when it was (re)built.
    for _ in range(2):
        for cls in classes:
            cls.model_rebuild(force=True)


def read_events(path: str) -> list:
    text = open(path, encoding="utf-8").read()
    if text.lstrip().startswith("["):
        return json.loads(text)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [json.loads(line) for line in lines]


def main(path: str) -> int:
    forbid_extra_everywhere()
    events = read_events(path)
    problems = []
    statuses = {}
    names = set()
    for i, event in enumerate(events):
        try:
            model = DetectionFinding.model_validate(event)
        except Exception as e:  # pydantic.ValidationError: report and go on
            problems.append(f"event {i}: {e}")
            continue
        statuses[event.get("status_code")] = statuses.get(event.get("status_code"), 0) + 1
        if model.cloud is None or model.cloud.account is None or not model.cloud.account.name:
            problems.append(f"event {i}: cloud.account.name is missing")
        else:
            names.add(model.cloud.account.name)
    print(json.dumps({"events": len(events), "statusCodes": statuses, "accountNames": sorted(names), "problems": problems[:20]}))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
