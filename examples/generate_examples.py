#!/usr/bin/env python3
"""Writes examples/events.jsonl and examples/settings.jsonl: the bundled example data set.

Deterministic (fixed seed), standard library only. Rerun after changing it:
    python3 examples/generate_examples.py
Each account shows one way of running the product; examples/README.md says what to look for.
"""
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

random.seed(20261122)
HERE = Path(__file__).resolve().parent
START = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)

FORMATS = ["1 {a}-{b}-{c}", "({a})-{b} {c}", "{a} {b} {c}", "+1 ({a}) {b}-{c}", "{a}.{b}.{c}", "{a}{b}{c}"]


def us(a, b, c, fmt=None):
    return (fmt or random.choice(FORMATS)).format(a=a, b=b, c=c)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def when(minutes, epoch=False):
    t = START + timedelta(minutes=minutes)
    return int(t.timestamp() * 1000) if epoch else iso(t)


settings = [
    # Sunpeak Solar: API inserts relocate across the whole account; inbound leads protected.
    {"type": "account_settings", "accountId": "acct-sunpeak", "relocateDuplicatesApi": True,
     "filterAgainst": "ACCOUNT", "protectInbound": True},
    # Harbor Insurance: duplicates only within the campaign (and the shared retention campaign).
    {"type": "account_settings", "accountId": "acct-harbor", "relocateDuplicatesApi": True,
     "filterAgainst": "CAMPAIGN", "additionalCampaigns": ["camp-harbor-retention"]},
    # Clearpath Debt Relief: per list (plus the master list); API relocation off, so API inserts
    # are only flagged; CSV uploads relocate when the uploader ticks the option.
    {"type": "account_settings", "accountId": "acct-clearpath", "relocateDuplicatesApi": False,
     "filterAgainst": "LIST", "additionalLists": ["list-clearpath-master"], "protectInbound": True},
    # Brightline Roofing: by campaign purpose, mobiles matched too, inbound leads not protected.
    {"type": "account_settings", "accountId": "acct-brightline", "relocateDuplicatesApi": True,
     "filterAgainst": "CAMPAIGN_PURPOSE", "matchMobile": True, "protectInbound": False},
    # Thames Lettings: a UK account; numbers without country code are read as GB numbers.
    {"type": "account_settings", "accountId": "acct-thames", "relocateDuplicatesApi": True,
     "defaultRegion": "GB"},
    {"type": "campaign_settings", "accountId": "acct-sunpeak", "campaignId": "camp-solar-q4",
     "duplicateCallerHandling": "NEW_CONVERTIBLE_BUYER", "fallbackBuyerId": "buyer-catchall"},
    {"type": "campaign_settings", "accountId": "acct-sunpeak", "campaignId": "camp-solar-rtb",
     "duplicateCallerHandling": "NEW_CONVERTIBLE_BUYER"},
    {"type": "campaign_settings", "accountId": "acct-sunpeak", "campaignId": "camp-solar-legacy",
     "duplicateCallerHandling": "OFF"},
    {"type": "buyer_settings", "accountId": "acct-sunpeak", "buyerId": "buyer-ember", "dedupeWindow": "P30D"},
    {"type": "buyer_settings", "accountId": "acct-sunpeak", "buyerId": "buyer-halo", "dedupeWindow": "PT24H"},
    {"type": "buyer_settings", "accountId": "acct-sunpeak", "buyerId": "buyer-forever"},
    {"type": "buyer_settings", "accountId": "acct-sunpeak", "buyerId": "buyer-catchall", "acceptsDuplicates": True},
]

events = []
lead_counter = [100000]


def lead(account, list_id, campaign, purpose, phone, source, minutes, mobile=None, relocate=None,
         lead_id=None, epoch=False, arrival=None):
    """A lead imported at START + minutes; it reaches the job at `arrival` (default: then)."""
    if lead_id is None:
        lead_counter[0] += 1
        lead_id = "L-%d" % lead_counter[0]
    event = {"type": "lead", "accountId": account, "leadId": lead_id, "listId": list_id,
             "campaignId": campaign, "campaignPurpose": purpose, "phone": phone, "source": source,
             "importedAt": when(minutes, epoch)}
    if mobile:
        event["mobile"] = mobile
    if relocate is not None:
        event["relocateDuplicates"] = relocate
    events.append((minutes if arrival is None else arrival, event))
    return lead_id


# --- Named scenarios (their ids are quoted in examples/README.md) -----------------------------
# Sunpeak: three leads share 678-999-8212 in every format; the API insert of 11:00 is the golden record.
lead("acct-sunpeak", "list-web-nov", "camp-solar-q4", "solar", "1 678-999-8212", "CSV", 60,
     lead_id="L-200001")
lead("acct-sunpeak", "list-fair-oct", "camp-solar-legacy", "solar", "(678)-999 8212", "INBOUND", 90,
     lead_id="L-200002")
lead("acct-sunpeak", "list-web-nov", "camp-solar-q4", "solar", "+1 (678) 999-8212", "API", 180,
     lead_id="L-200003")
# ...and an older lead of the same number, arriving after the golden record: relocated on arrival.
lead("acct-sunpeak", "list-partner", "camp-solar-q4", "solar", "678 999 8212", "API", 30,
     lead_id="L-200004", epoch=True, arrival=185)
# A replayed insert: the same line twice, reported once.
lead("acct-sunpeak", "list-web-nov", "camp-solar-q4", "solar", "404.555.0134", "API", 200, lead_id="L-200005")
lead("acct-sunpeak", "list-web-nov", "camp-solar-q4", "solar", "404.555.0134", "API", 200, lead_id="L-200005")

# Harbor: the same number in two campaigns; only the same (or the retention) campaign is in scope.
lead("acct-harbor", "list-auto-renewals", "camp-harbor-auto", "insurance", "312 555 0142", "CSV", 10,
     lead_id="L-300001")
lead("acct-harbor", "list-home-quotes", "camp-harbor-home", "insurance", "312-555-0142", "CSV", 20,
     lead_id="L-300002")
lead("acct-harbor", "list-retention", "camp-harbor-retention", "insurance", "+1 312 555 0142", "API", 25,
     lead_id="L-300003")
lead("acct-harbor", "list-auto-nov", "camp-harbor-auto", "insurance", "(312) 555-0142", "API", 40,
     lead_id="L-300004")

# Clearpath: API relocation off -> DUPLICATE flags; a CSV upload with the option relocates.
lead("acct-clearpath", "list-clearpath-tv", "camp-debt-tv", "debt", "713 555 0188", "API", 15, lead_id="L-400001")
lead("acct-clearpath", "list-clearpath-tv", "camp-debt-tv", "debt", "713.555.0188", "API", 45, lead_id="L-400002")
lead("acct-clearpath", "list-clearpath-master", "camp-debt-tv", "debt", "1 713 555 0188", "INBOUND", 50,
     lead_id="L-400003")
lead("acct-clearpath", "list-clearpath-tv", "camp-debt-tv", "debt", "+1 713 555 0188", "CSV", 300,
     relocate=True, lead_id="L-400004")
lead("acct-clearpath", "list-clearpath-radio", "camp-debt-radio", "debt", "713 555 0188", "CSV", 310,
     relocate=False, lead_id="L-400005")

# Brightline: matchMobile on, so a lead whose mobile is another lead's phone is a duplicate;
# inbound leads are not protected here.
lead("acct-brightline", "list-storm-2025", "camp-roof-storm", "roofing", "214 555 0111", "INBOUND", 5,
     mobile="214 555 0199", lead_id="L-500001")
lead("acct-brightline", "list-storm-2026", "camp-roof-repair", "roofing", "214-555-0199", "API", 95,
     lead_id="L-500002")
lead("acct-brightline", "list-gutters", "camp-gutters", "gutters", "214 555 0111", "API", 120,
     lead_id="L-500003")

# Thames (GB): national UK formats normalize to +44.
lead("acct-thames", "list-thames-web", "camp-lettings", "lettings", "020 7946 0958", "API", 10,
     mobile="07700 900123", lead_id="L-600001")
lead("acct-thames", "list-thames-web", "camp-lettings", "lettings", "+44 20 7946 0958", "API", 70,
     lead_id="L-600002")

# --- Bulk traffic: realistic volume with shared numbers ----------------------------------------
ACCOUNTS = {
    "acct-sunpeak": (["list-web-nov", "list-fair-oct", "list-partner"],
                     ["camp-solar-q4", "camp-solar-legacy", "camp-solar-rtb"], ["solar"]),
    "acct-harbor": (["list-auto-nov", "list-home-quotes", "list-retention"],
                    ["camp-harbor-auto", "camp-harbor-home", "camp-harbor-retention"], ["insurance"]),
    "acct-clearpath": (["list-clearpath-tv", "list-clearpath-radio", "list-clearpath-master"],
                       ["camp-debt-tv", "camp-debt-radio"], ["debt", "consolidation"]),
    "acct-brightline": (["list-storm-2026", "list-gutters"], ["camp-roof-repair", "camp-gutters"],
                        ["roofing", "gutters"]),
}
AREAS = ["404", "470", "678", "770", "212", "646", "312", "773", "713", "832", "214", "469", "305", "786"]
pool = {acct: ["%s-%03d-%04d" % (random.choice(AREAS), random.randint(201, 989), random.randint(0, 9999))
               for _ in range(90)] for acct in ACCOUNTS}
for i in range(380):
    account = random.choice(list(ACCOUNTS))
    lists, campaigns, purposes = ACCOUNTS[account]
    number = random.choice(pool[account])
    a, b, c = number.split("-")
    source = random.choices(["API", "CSV", "INBOUND"], weights=[6, 3, 1])[0]
    mobile = None
    if random.random() < 0.2:
        ma, mb, mc = random.choice(pool[account]).split("-")
        mobile = us(ma, mb, mc)
    arrival = 400 + i * 7
    imported = arrival - (random.randint(0, 600) if random.random() < 0.15 else 0)  # some arrive late
    lead(account, random.choice(lists), random.choice(campaigns), random.choice(purposes), us(a, b, c), source,
         imported, mobile=mobile, relocate=(random.random() < 0.6) if source == "CSV" else None,
         epoch=random.random() < 0.1, arrival=arrival)

# --- Phone dispositions (seed 001) -----------------------------------------------------------------
def disposition(account, campaign, phone, action, reason, minutes):
    events.append((minutes, {"type": "phone_disposition", "accountId": account, "campaignId": campaign,
                             "phone": phone, "action": action, "reason": reason, "at": when(minutes)}))


disposition("acct-harbor", "camp-harbor-auto", "312-555-0142", "DISQUALIFY", "customer retired", 60)
lead("acct-harbor", "list-auto-dec", "camp-harbor-auto", "insurance", "312.555.0142", "CSV", 65,
     lead_id="L-300005")  # arrives after the disqualification: disqualified on arrival
disposition("acct-harbor", "camp-harbor-auto", "312-555-0142", "REQUALIFY", "wrong person marked", 3000)
disposition("acct-brightline", "*", "214 555 0199", "DISQUALIFY", "do not call: requested removal", 130)
for account in ACCOUNTS:
    for phone in random.sample(pool[account], 2):
        a, b, c = phone.split("-")
        disposition(account, ACCOUNTS[account][1][0], us(a, b, c), "DISQUALIFY", "not interested", 1500)

# --- Duplicate caller handling (seed 002) ----------------------------------------------------------
def conversion(buyer, caller, minutes, campaign="camp-solar-q4"):
    events.append((minutes, {"type": "conversion", "accountId": "acct-sunpeak", "callerPhone": caller,
                             "buyerId": buyer, "campaignId": campaign, "callId": "call-%d" % minutes,
                             "convertedAt": when(minutes)}))


def request(request_id, kind, campaign, caller, buyers, minutes):
    events.append((minutes, {"type": "routing_request", "requestId": request_id, "accountId": "acct-sunpeak",
                             "campaignId": campaign, "callerPhone": caller, "kind": kind,
                             "candidateBuyers": buyers, "receivedAt": when(minutes)}))


conversion("buyer-ember", "678-999-8212", 200)
conversion("buyer-halo", "678-999-8212", 210, campaign="camp-solar-legacy")
conversion("buyer-forever", "404.555.0134", 220)
# Within Ember's 30 days and Halo's 24 hours: both excluded, Nova (no settings) eligible.
request("req-1001", "CALL", "camp-solar-q4", "+16789998212", ["buyer-ember", "buyer-halo", "buyer-nova"], 600)
# Two days later Halo's window is over; Ember's is not.
request("req-1002", "RTB", "camp-solar-rtb", "(678) 999-8212", ["buyer-halo", "buyer-ember"], 3100)
# Every candidate is a duplicate: the campaign's fallback buyer takes the call.
request("req-1003", "CALL", "camp-solar-q4", "678 999 8212", ["buyer-ember", "buyer-halo"], 700)
# Same on an RTB campaign without fallback: no-target.
request("req-1004", "RTB", "camp-solar-rtb", "404 555 0134", ["buyer-forever"], 800)
# Duplicate handling OFF: duplicates are listed but stay eligible.
request("req-1005", "CALL", "camp-solar-legacy", "404 555 0134", ["buyer-forever", "buyer-ember"], 810)
# A caller nobody converted.
request("req-1006", "RTB", "camp-solar-rtb", "305 555 0100", ["buyer-ember", "buyer-halo"], 820)
# A buyer that accepts duplicates stays eligible.
request("req-1007", "RTB", "camp-solar-rtb", "678.999.8212", ["buyer-ember", "buyer-catchall"], 830)

# --- Bad lines: each becomes a reject, and the job goes on ------------------------------------------
bad = [
    '{"type":"lead","accountId":"acct-sunpeak","leadId":"L-900001","listId":"list-web-nov"',
    json.dumps({"type": "lead", "accountId": "acct-sunpeak", "leadId": "L-900002", "listId": "list-web-nov",
                "campaignId": "camp-solar-q4", "phone": "404 555 0190", "source": "API",
                "importedAt": iso(START)}),
    json.dumps({"type": "lead", "accountId": "acct-sunpeak", "leadId": "L-900003", "listId": "list-web-nov",
                "campaignId": "camp-solar-q4", "campaignPurpose": "solar", "phone": "404 555 0191",
                "source": "WEBFORM", "importedAt": iso(START)}),
    json.dumps({"type": "lead", "accountId": "acct-sunpeak", "leadId": "L-900004", "listId": "list-web-nov",
                "campaignId": "camp-solar-q4", "campaignPurpose": "solar", "phone": "555-01",
                "source": "API", "importedAt": iso(START)}),
    json.dumps({"type": "lead", "accountId": "acct-sunpeak", "leadId": "L-900005", "listId": "list-web-nov",
                "campaignId": "camp-solar-q4", "campaignPurpose": "solar", "phone": "404 555 0192",
                "mobile": "12", "source": "API", "importedAt": iso(START + timedelta(minutes=5))}),
    json.dumps({"type": "lead", "accountId": "acct-sunpeak", "leadId": "L-900006", "listId": "list-web-nov",
                "campaignId": "camp-solar-q4", "campaignPurpose": "solar", "phone": "404 555 0193",
                "source": "API", "importedAt": "last tuesday"}),
    json.dumps({"type": "callback", "accountId": "acct-sunpeak"}),
]
for i, line in enumerate(bad):
    events.append((250 + i * 97, line))

events.sort(key=lambda e: e[0])  # file order = arrival order, roughly by time, with late leads
with open(HERE / "events.jsonl", "w") as out:
    for _, event in events:
        out.write((event if isinstance(event, str) else json.dumps(event, separators=(",", ":"))) + "\n")
with open(HERE / "settings.jsonl", "w") as out:
    for record in settings:
        out.write(json.dumps(record, separators=(",", ":")) + "\n")
print("wrote %d events and %d settings records" % (len(events), len(settings)))
