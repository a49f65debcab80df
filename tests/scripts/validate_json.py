#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates a JSON document (file or stdin) against one of schemas/*.json.
# Usage: validate_json.py SCHEMA [FILE]
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
doc = json.load(open(sys.argv[2], encoding="utf-8") if len(sys.argv) > 2 else sys.stdin)
validator = jsonschema.Draft202012Validator(schema)
errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
for e in errors[:20]:
    print(f"{sys.argv[1]}: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
