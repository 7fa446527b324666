# Generates the synthetic workplace-recognition messages used by the LLM-labeling example.
# python3 gen_messages.py OUTDIR  (seeded; re-running gives the same files)
import json, random, sys, os
out = sys.argv[1]
rnd = random.Random(20261130)
names = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi",
         "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomas", "Uma",
         "Vera", "Wei", "Yusuf", "Zoe"]
openers = ["Big thanks to {n} for", "Shout-out to {n} for", "Kudos to {n} for",
           "Huge appreciation for {n}", "Thank you {n} for", "Recognizing {n} for",
           "A round of applause for {n} for", "Grateful to {n} for"]
closers = ["", " Great job!", " You made a difference.", " Much appreciated.", " Well done!",
           " The whole team noticed.", " Keep it up!"]
safety_kw = [  # about safety or security, with words an LLM keys on
    "reporting the safety hazard near loading dock {d}",
    "leading the safety walk on floor {d} and fixing two hazards",
    "handing out protective equipment before the night shift",
    "running the emergency evacuation drill so calmly",
    "spotting a security incident and escalating it within minutes",
    "reviewing the security badges of every visitor this week",
    "writing up the near-miss incident report so clearly",
    "organizing first aid training after the injury on line {d}",
    "making sure everyone wore protective goggles in the lab",
    "patching the security hole in the payroll portal",
    "checking every emergency exit on floor {d}",
    "reminding us to report hazards and injuries right away",
]
safety_plain = [  # about safety or security, without the obvious words
    "noticing the frayed cable on forklift {d} and tagging it out",
    "catching the phishing email before anyone clicked the link",
    "putting up the wet-floor signs during the storm",
    "locking the server room that was left open overnight",
    "clearing the blocked fire door in warehouse {d}",
    "insisting we lift the heavy boxes in pairs",
    "changing all the shared passwords after the laptop was stolen",
    "fixing the loose railing on the stairs to the mezzanine",
]
other = [  # not about safety or security
    "closing the quarter with record sales",
    "organizing the team lunch on Friday",
    "helping the new hires settle in during onboarding",
    "turning the customer complaint into a renewal",
    "shipping project {d} a week early",
    "hosting the holiday event for the whole office",
    "mentoring the interns all summer",
    "cleaning up the project backlog before the release",
    "answering every customer ticket over the weekend",
    "presenting our results to the leadership team",
    "planning the offsite and booking the venue",
    "covering for Ben while he was on leave",
    "redesigning the sales dashboard",
    "baking cakes for everyone on floor {d}",
]
misleading = [  # not about safety or security, but with words that sound like it
    "securing the biggest contract of the year",
    "protecting our margins during the price negotiation",
    "handling the emergency catering order for the board meeting",
    "the incident-free launch of the new website design",
    "relating so well to our customers at the trade fair",
]
def message(kind):
    pool = {"kw": safety_kw, "plain": safety_plain, "other": other, "mis": misleading}[kind]
    deed = rnd.choice(pool).format(d=rnd.randint(1, 9))
    text = rnd.choice(openers).format(n=rnd.choice(names)) + " " + deed + "." + rnd.choice(closers)
    return text, ("yes" if kind in ("kw", "plain") else "no")
def draw():
    r = rnd.random()
    return "kw" if r < 0.28 else "plain" if r < 0.40 else "other" if r < 0.90 else "mis"
def write(path, prefix, n, labeled, seen):
    with open(path, "w") as f:
        i = 0
        while i < n:
            text, label = message(draw())
            if text in seen:
                continue
            seen.add(text)
            i += 1
            rec = {"id": "%s%03d" % (prefix, i), "text": text}
            if labeled:
                rec["labels"] = [label]
            f.write(json.dumps(rec) + "\n")
seen = set()
write(os.path.join(out, "messages.jsonl"), "m", 400, False, seen)
write(os.path.join(out, "audit.jsonl"), "a", 150, True, seen)
write(os.path.join(out, "heldout_gold.jsonl"), "t", 150, True, seen)
