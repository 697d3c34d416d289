#!/usr/bin/env python3
"""Generate stepcast's WordNet noun knowledge base.

The offline extractor (crates/extract) meets nouns its hand-written lexicon
does not know ("tank", "hanger", "burlap", "pinecone"...). This script turns
Princeton WordNet 3.0 into five small tab-separated tables that
crates/extract/src/wordnet.rs embeds with include_str!. It runs on a
developer machine; its output is committed, and nothing is downloaded at
build or run time.

How to run
----------
    apt-get install -y wordnet-base      # Debian/Ubuntu: /usr/share/wordnet/
    python3 scripts/wordnet/generate.py  # from anywhere; Python 3, stdlib only

Options: --wordnet DIR (default /usr/share/wordnet), --out DIR (default
crates/extract/data next to this script's repository), --explain WORD (print
how WORD's senses were judged and write nothing). The output is
deterministic: running it twice gives identical files.

What it writes (into crates/extract/data/)
------------------------------------------
nouns.tsv
    lemma<TAB>kind<TAB>material<TAB>w,h,d -- one line per noun lemma (one to
    three words, lower case, underscores turned into spaces) that names a
    physical thing a maker could build with or see in a build. `kind` is a
    stepcast PartKind name, `material` a Material name (both snake_case), and
    w,h,d a typical size of one item in centimetres (width, height pointing
    up, depth).
pos.tsv
    word<TAB>n=COUNT,v=COUNT,a=COUNT,r=COUNT -- for single lower-case words
    that WordNet lists as a verb, adjective or adverb; only the parts of
    speech the word has are given (n= when it is also a noun; the columns
    say which index.* files list the word). COUNT is how often the word's
    senses of that part of speech were tagged in the SemCor corpus: the sum
    of cntlist.rev's per-sense tag counts (adjective satellites count as
    adjectives). It is a frequency prior for a part-of-speech tagger ("use"
    is n=118,v=624). index.*'s own tagsense_cnt field is not used: it
    counts how many senses were tagged, not how often ("use" n=6,v=3).
    Words that are only nouns are left out.
exceptions.tsv
    inflected<TAB>pos<TAB>lemma -- irregular inflections from noun.exc,
    verb.exc and adj.exc (pos n, v or a). A form with several lemmas has
    several lines, in the order the exception list gives them.
abstract.tsv
    word -- single lower-case words whose most frequent noun sense is no
    physical thing (an act, attribute, event, feeling, process, quantity...)
    and none of whose other senses maps to a thing a maker could build
    with: "procedure", "pressure", "temperature", "speed", "welding". The
    extractor does not draw such a word as a generic part when it meets it
    where a part was expected. A word whose first sense is abstract but which
    also names a usable thing ("showcase", "waste") is not listed.
people.tsv
    word -- single lower-case words whose most frequent noun sense is a
    person and none of whose senses maps to a thing a maker could build
    with: "child", "daughter", "neighbour", "reader". The extractor never
    draws them ("the child's top" is the top; "my daughter" is no part).
    A word that also names a usable thing ("planter", "pitcher") is not
    listed.
other_nouns.tsv
    word -- every other single lower-case word WordNet lists as a noun
    (people, places, animals, things with no usable mapping...), in none of
    the tables above. The extractor never draws them from this table; it
    only needs to know they are words, so that its typo check ("inclucing"
    for "including") leaves "junction" or "propane" alone.
LICENSE-WordNet
    The WordNet 3.0 licence, which must travel with the tables.

How a noun is mapped
--------------------
1.  Kind and size. Every noun synset is placed under the nearest *anchor*
    among its hypernyms, itself included (instance hypernyms are not
    followed: named individuals never map). ANCHORS below is an ordered
    table of (synset, kind, material, size[, weight]): the nearest anchor
    wins, and of two equally near the one listed first. An anchor with kind
    None excludes what is under it (people, animals, body parts, weapons,
    vehicles, buildings, places, chemicals, food in general...). A synset
    under no anchor is no physical thing (an act, an attribute, an event...)
    and does not map. A "generic" anchor with no size (artifact, device,
    natural object...) says only "some thing": such a sense is not useful.
2.  Material. An anchor's own synset takes the anchor's material. Any other
    synset takes, in order: the nearest MATERIAL_SYNSETS hypernym (what it
    is made of: felt is a fabric, cardboard is paper...); a material word in
    its gloss, as a pre-modifier of the gloss's head ("a glass or plastic
    vessel") or right after of/from/in/with/made, or after of/from and one
    more word ("a laminate made of thin layers of wood", "a fine cord of
    twisted fibers"); a material word in the lemma ("plastic bag"), except
    for tools (a "glass cutter" is not made of glass); else the anchor's
    default. A plant is always of material plant.
3.  Sense choice. WordNet lists a lemma's senses most frequent first, but a
    maker means the household or craft sense ("tank" the container, not the
    armoured vehicle; "monitor" the display, not the person). Each usable
    sense scores RANK_WEIGHT[rank] (1.0, 0.85, 0.7 for the first three
    senses, LATE_RANK_WEIGHT after) times its anchor's weight (1.0, or
    GENERIC_WEIGHT for a generic anchor with a size, or less for a few vague
    or unlikely anchors such as trees, strips or tobacco pipes); the best
    score wins, ties going to the earlier sense. So among the first three
    senses the first that maps to a specific anchor wins, and a later sense
    wins only when no earlier one is usable. SENSE_OVERRIDES pins the sense
    of a few craft words ("pot" the flowerpot, "plate" the dish). A lemma
    with no usable sense (only people, animals, weapons, vehicles,
    abstractions...) is left out.
4.  Dominant other senses. A lemma is left out when its first sense is no
    thing at all, or a natural thing a maker does not build with (an animal,
    a body part, a place), and SemCor tagged such senses at least
    DOMINANT_MIN times and more than DOMINANT_RATIO times as often as (1 +)
    its usable senses: "form", "line", "end", "head" or "dog" are then not
    read as objects. A dominant person sense does not count ("planter" and
    "pitcher" name people first, but a maker means the container). A lemma
    whose first sense is a colour, a number or a unit (FIRST_SENSE_BLOCKERS:
    "black", "six", "yard") is left out too.
5.  Lemmas. One to three words of letters, hyphens and apostrophes; no
    digits. A sense whose word form is capitalised is a proper noun and is
    not used, except a single-word artifact or substance that is not a
    named individual: a trademark of four or more letters ("Styrofoam",
    "Velcro") or an artifact acronym ("CD", "LED"), written lower case.
"""

import argparse
import collections
import os
import re
import sys

KINDS = (
    "box crate board plank slat pallet cylinder can tube pipe bottle jar lid cone "
    "sphere torus tire disc sheet fabric paper rope string wire chain fill plant lights "
    "cushion leg hardware generic"
).split()
MATERIALS = (
    "plastic glass metal wood cardboard paper fabric rubber ceramic cork foam soil "
    "stone water seed plant wax fibre other"
).split()

# ---------------------------------------------------------------------------
# Anchors: (synset, kind, material, size [w, h, d] in cm, weight).
# kind None excludes the subtree. A generic anchor with size None is "some
# thing" and is not useful. Weight defaults to 1.0 (GENERIC_WEIGHT for
# generic anchors). Synsets are named like NLTK does: lemma.n.NN is the NN-th
# noun sense of lemma in index.noun.
# ---------------------------------------------------------------------------
GENERIC_WEIGHT = 0.9
RANK_WEIGHT = (1.0, 0.85, 0.7)
LATE_RANK_WEIGHT = 0.5
DOMINANT_MIN = 5
DOMINANT_RATIO = 8

X = None  # excluded

ANCHORS = [
    # --- excluded: not things a maker builds with -----------------------
    ("person.n.01", X),
    ("animal.n.01", X),
    ("body_part.n.01", X),
    ("organism.n.01", X),
    ("location.n.01", X),
    ("weapon.n.01", X),
    ("weaponry.n.01", X),
    ("ammunition.n.01", X),
    ("explosive.n.01", X),
    ("armor.n.01", X),
    ("conveyance.n.03", X),
    ("vehicle.n.01", X),
    ("craft.n.02", X),
    ("building.n.01", X),
    ("housing.n.01", X),
    ("room.n.01", X),
    ("area.n.05", X),
    ("way.n.06", X),
    ("facility.n.01", X),
    ("structure.n.01", X),
    ("establishment.n.04", X),
    ("geological_formation.n.01", X),
    ("body_of_water.n.01", X),
    ("celestial_body.n.01", X),
    ("drug.n.01", X),
    ("medicine.n.02", X),
    ("chemical.n.01", X),
    ("compound.n.02", X),
    ("chemical_element.n.01", X),
    ("gas.n.02", X),
    ("fuel.n.01", X),
    ("food.n.01", X),
    ("food.n.02", X),
    ("beverage.n.01", X),
    ("nutriment.n.01", X),
    ("atom.n.02", X),
    ("particle.n.02", X),
    ("system.n.01", X),
    ("network.n.05", X),
    ("memory_device.n.01", X),
    ("recording.n.03", X),
    ("representation.n.02", X),
    ("surface.n.01", X),
    ("toiletry.n.01", X),
    ("cosmetic.n.01", X),
    ("animal_material.n.01", X),
    ("body_covering.n.01", X),
    ("sheath.n.02", X),
    ("sports_equipment.n.01", X),
    ("game_equipment.n.01", X),
    ("coating.n.01", X),
    ("paint.n.01", X),
    ("adhesive_material.n.01", X),
    ("lubricant.n.01", X),
    ("dye.n.01", X),
    ("solvent.n.01", X),
    ("detergent.n.01", X),
    ("fertilizer.n.01", X),
    ("mixture.n.01", X),
    ("thing.n.12", X),
    ("process.n.06", X),
    ("causal_agent.n.01", X),
    ("fungus.n.01", X),
    ("microorganism.n.01", X),
    ("part.n.03", X),
    ("playing_card.n.01", X),
    ("barrel.n.01", X),
    # --- containers -----------------------------------------------------
    ("bottle.n.01", "bottle", "glass", (8, 25, 8)),
    ("flask.n.01", "bottle", "glass", (8, 20, 8)),
    ("phial.n.01", "bottle", "glass", (2.5, 7, 2.5)),
    ("jug.n.01", "bottle", "plastic", (15, 26, 15)),
    ("pitcher.n.02", "bottle", "ceramic", (14, 22, 14)),
    ("jar.n.01", "jar", "glass", (9, 14, 9)),
    ("vase.n.01", "jar", "glass", (12, 25, 12)),
    ("urn.n.01", "jar", "ceramic", (25, 40, 25)),
    ("can.n.01", "can", "metal", (8, 11, 8)),
    ("tin.n.02", "can", "metal", (10, 8, 10)),
    ("drum.n.04", "can", "metal", (58, 88, 58)),
    ("barrel.n.02", "cylinder", "wood", (55, 85, 55)),
    ("bucket.n.01", "jar", "metal", (28, 26, 28)),
    ("pot.n.04", "jar", "ceramic", (14, 13, 14)),
    ("pot.n.01", "jar", "metal", (22, 15, 22)),
    ("teapot.n.01", "jar", "ceramic", (15, 14, 15)),
    ("pan.n.01", "jar", "metal", (26, 6, 26)),
    ("cooking_utensil.n.01", "jar", "metal", (22, 12, 22)),
    ("bowl.n.01", "jar", "ceramic", (16, 7, 16)),
    ("spoon.n.01", "generic", "metal", (4, 2, 18)),
    ("bowl.n.03", "jar", "ceramic", (16, 7, 16)),
    ("cup.n.01", "jar", "ceramic", (8, 9, 8)),
    ("mug.n.04", "jar", "ceramic", (8.5, 9.5, 8.5)),
    ("glass.n.02", "jar", "glass", (7, 12, 7)),
    ("bathtub.n.01", "box", "ceramic", (170, 55, 75)),
    ("tub.n.02", "jar", "plastic", (40, 30, 40)),
    ("plate.n.04", "disc", "ceramic", (25, 2, 25)),
    ("dish.n.01", "disc", "ceramic", (22, 3, 22)),
    ("tableware.n.01", "jar", "ceramic", (15, 8, 15), 0.8),
    ("tank.n.02", "box", "metal", (60, 40, 30)),
    ("aquarium.n.01", "box", "glass", (60, 40, 30)),
    ("vessel.n.03", "jar", "other", (15, 20, 15)),
    ("pallet.n.02", "pallet", "wood", (100, 14, 80)),
    ("crate.n.01", "crate", "wood", (40, 30, 30)),
    ("carton.n.02", "box", "cardboard", (30, 20, 22)),
    ("box.n.01", "box", "cardboard", (30, 20, 22)),
    ("chest.n.02", "box", "wood", (80, 45, 45)),
    ("bin.n.01", "box", "plastic", (40, 35, 30)),
    ("basket.n.01", "box", "fibre", (35, 22, 25)),
    ("tray.n.01", "box", "wood", (40, 4, 28)),
    ("drawer.n.01", "box", "wood", (40, 12, 35)),
    ("cage.n.01", "box", "metal", (50, 40, 35)),
    ("case.n.05", "box", "other", (40, 12, 30)),
    ("envelope.n.01", "paper", "paper", (22, 0.5, 11)),
    ("sack.n.01", "fabric", "paper", (30, 40, 15)),
    ("bag.n.01", "fabric", "fabric", (36, 40, 2)),
    ("bag.n.04", "fabric", "fabric", (28, 22, 10)),
    ("bag.n.06", "box", "fabric", (60, 40, 25)),
    ("package.n.02", "box", "cardboard", (30, 20, 22)),
    ("receptacle.n.01", "box", "other", (30, 20, 22)),
    ("container.n.01", "box", "other", (30, 20, 22)),
    # --- lids, caps, plugs ------------------------------------------------
    ("lid.n.02", "lid", "metal", (8.6, 1.5, 8.6)),
    ("cap.n.02", "lid", "plastic", (3, 1.5, 3)),
    ("top.n.09", "lid", "plastic", (8.6, 1.5, 8.6)),
    ("cork.n.04", "cylinder", "cork", (2.4, 4.5, 2.4)),
    ("plug.n.01", "cylinder", "rubber", (2.5, 3, 2.5)),
    # --- tubes, pipes, rods -----------------------------------------------
    ("hose.n.03", "pipe", "rubber", (2, 80, 2)),
    ("pipe.n.01", "generic", "wood", (15, 5, 4), 0.5),
    ("pipe.n.02", "pipe", "plastic", (5, 60, 5)),
    ("drinking_straw.n.01", "tube", "plastic", (0.7, 20, 0.7)),
    ("tube.n.01", "tube", "plastic", (3, 30, 3)),
    ("conduit.n.01", "pipe", "plastic", (5, 60, 5)),
    ("dowel.n.01", "cylinder", "wood", (1.5, 60, 1.5)),
    ("pole.n.01", "cylinder", "wood", (4, 200, 4)),
    ("rod.n.01", "cylinder", "wood", (1.5, 60, 1.5)),
    ("stick.n.01", "cylinder", "wood", (2, 50, 2)),
    ("bobbin.n.01", "cylinder", "wood", (4, 5, 4)),
    ("roller.n.04", "cylinder", "wood", (6, 30, 6)),
    ("log.n.01", "cylinder", "wood", (25, 40, 25)),
    ("post.n.04", "leg", "wood", (9, 100, 9)),
    ("stake.n.05", "leg", "wood", (4, 60, 4)),
    ("leg.n.03", "leg", "wood", (4, 40, 4)),
    # --- flat things ------------------------------------------------------
    ("plywood.n.01", "board", "wood", (60, 1.5, 40)),
    ("laminate.n.01", "board", "wood", (60, 1.5, 40)),
    ("board.n.02", "plank", "wood", (90, 2, 15)),
    ("lumber.n.01", "plank", "wood", (90, 4, 9)),
    ("beam.n.02", "plank", "wood", (90, 9, 9)),
    ("slat.n.01", "slat", "wood", (80, 2, 9)),
    ("shingle.n.01", "slat", "wood", (40, 1, 15)),
    ("board.n.03", "board", "wood", (40, 1.5, 30)),
    ("shelf.n.01", "board", "wood", (80, 2, 25)),
    ("panel.n.01", "board", "wood", (60, 1.5, 40)),
    ("tile.n.01", "sheet", "ceramic", (15, 0.8, 15)),
    ("tile.n.02", "sheet", "ceramic", (30, 1.5, 20)),
    ("brick.n.01", "box", "ceramic", (20, 6, 10)),
    ("slab.n.01", "board", "stone", (40, 4, 30)),
    ("block.n.01", "box", "wood", (10, 10, 10)),
    ("pane.n.01", "sheet", "glass", (40, 0.4, 30)),
    ("mirror.n.01", "disc", "glass", (30, 0.4, 30)),
    ("sheet_metal.n.01", "sheet", "metal", (30, 0.1, 30)),
    ("foil.n.01", "sheet", "metal", (30, 0.1, 30)),
    ("plate.n.02", "sheet", "metal", (30, 0.3, 20)),
    ("veneer.n.01", "sheet", "wood", (30, 0.1, 20)),
    ("sheet.n.06", "sheet", "other", (30, 0.3, 20)),
    ("mat.n.01", "sheet", "fabric", (60, 1, 40)),
    ("rug.n.01", "fabric", "fabric", (120, 1, 80)),
    ("wrapping.n.01", "sheet", "paper", (50, 0.1, 70)),
    ("tape.n.01", "sheet", "paper", (2.5, 0.1, 30)),
    ("strip.n.02", "slat", "other", (40, 0.3, 3), 0.7),
    # --- discs and rings --------------------------------------------------
    ("phonograph_record.n.01", "disc", "plastic", (30, 0.2, 30)),
    ("compact_disk.n.01", "disc", "plastic", (12, 0.1, 12)),
    ("coaster.n.03", "disc", "cork", (10, 0.6, 10)),
    ("button.n.01", "disc", "plastic", (1.5, 0.3, 1.5)),
    ("washer.n.02", "torus", "metal", (2, 0.2, 2)),
    ("cringle.n.01", "torus", "metal", (1.5, 0.3, 1.5)),
    ("disk.n.02", "disc", "plastic", (12, 0.3, 12)),
    ("magnet.n.01", "disc", "metal", (2, 0.5, 2)),
    ("tire.n.01", "tire", "rubber", (60, 20, 60)),
    ("wheel.n.01", "tire", "rubber", (40, 8, 40)),
    ("gear.n.01", "disc", "metal", (5, 1, 5)),
    ("rubber_band.n.01", "torus", "rubber", (6, 0.2, 6)),
    ("hoop.n.02", "torus", "wood", (25, 1, 25)),
    ("ring.n.08", "torus", "metal", (2, 0.3, 2)),
    ("bracelet.n.02", "torus", "metal", (7, 1, 7)),
    ("wreath.n.01", "torus", "plant", (35, 8, 35)),
    # --- balls and cones --------------------------------------------------
    ("marble.n.02", "sphere", "glass", (1.6, 1.6, 1.6)),
    ("ball.n.01", "sphere", "rubber", (7, 7, 7)),
    ("globe.n.03", "sphere", "plastic", (30, 40, 30)),
    ("balloon.n.01", "sphere", "rubber", (25, 30, 25)),
    ("bead.n.01", "sphere", "wood", (1.2, 1.2, 1.2)),
    ("pompon.n.01", "sphere", "fibre", (3, 3, 3)),
    ("funnel.n.02", "cone", "plastic", (12, 12, 12)),
    ("lampshade.n.01", "cone", "fabric", (25, 20, 25)),
    ("bell.n.01", "cone", "metal", (6, 7, 6)),
    ("cone.n.01", "cone", "cardboard", (10, 15, 10)),
    # --- fabric, clothes, paper ------------------------------------------
    ("net.n.06", "fabric", "fibre", (50, 0.3, 50)),
    ("fabric.n.01", "fabric", "fabric", (50, 0.3, 50)),
    ("towel.n.01", "fabric", "fabric", (50, 1, 90)),
    ("blanket.n.01", "fabric", "fabric", (120, 1, 150)),
    ("bedclothes.n.01", "fabric", "fabric", (150, 0.5, 200)),
    ("curtain.n.01", "fabric", "fabric", (120, 200, 1)),
    ("table_linen.n.01", "fabric", "fabric", (40, 0.3, 40)),
    ("tarpaulin.n.01", "fabric", "fabric", (200, 0.3, 150)),
    ("footwear.n.02", "generic", "other", (28, 12, 10)),
    ("footwear.n.01", "generic", "other", (28, 12, 10)),
    ("hosiery.n.01", "fabric", "fabric", (9, 25, 1)),
    ("headdress.n.01", "generic", "fabric", (25, 15, 25)),
    ("glove.n.02", "fabric", "fabric", (10, 22, 1)),
    ("belt.n.02", "string", "fabric", (3, 0.4, 100)),
    ("clothing.n.01", "fabric", "fabric", (50, 70, 1)),
    ("cardboard.n.01", "sheet", "cardboard", (40, 0.4, 30)),
    ("paperboard.n.01", "sheet", "cardboard", (50, 0.2, 70)),
    ("pasteboard.n.01", "sheet", "cardboard", (40, 0.2, 30)),
    ("newspaper.n.03", "paper", "paper", (40, 0.1, 55)),
    ("card.n.01", "paper", "paper", (9, 0.1, 6)),
    ("book.n.02", "box", "paper", (15, 2, 23)),
    ("paper.n.01", "paper", "paper", (21, 0.1, 29.7)),
    ("photograph.n.01", "paper", "paper", (15, 0.1, 10)),
    # --- strands ------------------------------------------------------------
    ("cable.n.03", "rope", "fibre", (2, 2, 300)),
    ("rope.n.01", "rope", "fibre", (1, 1, 300)),
    ("thread.n.01", "string", "fibre", (0.1, 0.1, 100)),
    ("string.n.01", "string", "fibre", (0.3, 0.3, 200)),
    ("cord.n.01", "string", "fibre", (0.4, 0.4, 150)),
    ("ribbon.n.04", "string", "fabric", (1.5, 0.1, 100)),
    ("lace.n.01", "string", "fabric", (0.3, 0.3, 100)),
    ("strap.n.01", "string", "fabric", (2.5, 0.3, 60)),
    ("band.n.07", "string", "fabric", (2.5, 0.2, 60)),
    ("line.n.18", "string", "fibre", (0.3, 0.3, 200)),
    ("chain.n.03", "chain", "metal", (0.8, 0.8, 60)),
    ("necklace.n.01", "string", "metal", (1, 1, 45)),
    ("coat_hanger.n.01", "wire", "metal", (0.3, 0.3, 100)),
    ("hanger.n.02", "wire", "metal", (0.3, 0.3, 100)),
    ("cable.n.02", "wire", "plastic", (0.6, 0.6, 150)),
    ("wire.n.02", "wire", "metal", (0.2, 0.2, 40)),
    ("wire.n.01", "wire", "metal", (0.2, 0.2, 40)),
    ("spring.n.02", "wire", "metal", (1, 4, 1)),
    # --- lights -------------------------------------------------------------
    ("candle.n.01", "lights", "wax", (6, 10, 6)),
    ("light_bulb.n.01", "lights", "glass", (6, 10, 6)),
    ("light-emitting_diode.n.01", "lights", "plastic", (0.5, 0.8, 0.5)),
    ("lantern.n.01", "lights", "metal", (15, 25, 15)),
    ("flashlight.n.01", "lights", "plastic", (4, 20, 4)),
    ("lamp.n.02", "lights", "other", (25, 45, 25)),
    ("lamp.n.01", "lights", "glass", (6, 10, 6)),
    ("source_of_illumination.n.01", "lights", "glass", (6, 10, 6)),
    # --- soft things -----------------------------------------------------
    ("pillow.n.01", "cushion", "fabric", (45, 12, 45)),
    ("cushion.n.03", "cushion", "fabric", (45, 12, 45)),
    ("mattress.n.01", "cushion", "foam", (90, 20, 190)),
    ("pad.n.04", "cushion", "foam", (50, 5, 50)),
    ("padding.n.01", "cushion", "foam", (50, 5, 50)),
    ("sponge.n.01", "box", "foam", (10, 3, 7)),
    # --- hardware -----------------------------------------------------------
    ("key.n.01", "hardware", "metal", (2.5, 0.2, 6)),
    ("knot.n.02", "generic", "other", None),
    ("knot.n.03", "generic", "other", None),
    ("hinge.n.01", "hardware", "metal", (4, 6, 0.5)),
    ("bracket.n.04", "hardware", "metal", (3, 12, 12)),
    ("hook.n.04", "hardware", "metal", (2, 5, 3)),
    ("hook.n.05", "hardware", "metal", (2, 5, 3)),
    ("clamp.n.01", "hardware", "metal", (10, 15, 3)),
    ("clip.n.03", "hardware", "metal", (1, 3, 0.5)),
    ("knob.n.02", "hardware", "metal", (3, 3, 3)),
    ("handle.n.01", "hardware", "metal", (12, 3, 3)),
    ("lock.n.01", "hardware", "metal", (6, 8, 3)),
    ("slide_fastener.n.01", "hardware", "metal", (1, 0.3, 20)),
    ("nail.n.02", "hardware", "metal", (0.3, 5, 0.3)),
    ("screw.n.04", "hardware", "metal", (0.4, 3, 0.4)),
    ("pin.n.09", "hardware", "metal", (0.1, 3, 0.1)),
    ("needle.n.03", "generic", "metal", (0.1, 5, 0.1), 0.9),
    ("fastener.n.02", "hardware", "metal", (2, 3, 1)),
    ("battery.n.02", "hardware", "metal", (1.4, 5, 1.4)),
    ("switch.n.01", "hardware", "plastic", (3, 2, 3)),
    ("motor.n.01", "cylinder", "metal", (3.5, 5, 3.5)),
    ("pulley.n.01", "disc", "metal", (6, 2, 6)),
    ("support.n.10", "leg", "wood", (5, 30, 5), 0.7),
    # --- furniture, electronics, appliances ------------------------------
    ("display.n.06", "box", "plastic", (50, 35, 5)),
    ("monitor.n.04", "box", "plastic", (50, 35, 5)),
    ("laptop.n.01", "box", "plastic", (33, 2, 23)),
    ("television_receiver.n.01", "box", "plastic", (90, 55, 8)),
    ("loudspeaker.n.01", "box", "plastic", (15, 25, 15)),
    ("computer.n.01", "box", "plastic", (20, 40, 40)),
    ("electronic_equipment.n.01", "box", "plastic", (30, 10, 20)),
    ("electronic_device.n.01", "box", "plastic", (15, 5, 10)),
    ("electrical_device.n.01", "hardware", "plastic", (5, 3, 3)),
    ("home_appliance.n.01", "box", "metal", (50, 60, 50)),
    ("table.n.02", "box", "wood", (120, 75, 70)),
    ("sofa.n.01", "box", "fabric", (200, 85, 90)),
    ("seat.n.03", "box", "wood", (45, 90, 45)),
    ("bed.n.01", "box", "wood", (100, 50, 200)),
    ("lamp.n.02", "lights", "other", (25, 45, 25)),
    ("furniture.n.01", "box", "wood", (80, 75, 45)),
    ("picture_frame.n.01", "generic", "wood", (30, 40, 2)),
    ("frame.n.10", "generic", "wood", (30, 40, 2)),
    ("ladder.n.01", "generic", "wood", (45, 180, 8)),
    ("trellis.n.01", "board", "wood", (60, 120, 2)),
    ("door.n.01", "board", "wood", (80, 200, 4)),
    ("gate.n.01", "board", "wood", (100, 100, 4)),
    ("movable_barrier.n.01", "board", "wood", (80, 200, 4)),
    ("kennel.n.01", "box", "wood", (60, 60, 80)),
    ("terrarium.n.01", "box", "glass", (40, 30, 30)),
    ("bird_feeder.n.01", "box", "wood", (20, 25, 20)),
    ("umbrella.n.01", "generic", "fabric", (100, 80, 100)),
    ("cleaning_implement.n.01", "generic", "other", (30, 120, 8)),
    ("swab.n.02", "generic", "fibre", (30, 120, 8)),
    ("watch.n.01", "generic", "metal", (4, 1, 4)),
    ("timepiece.n.01", "generic", "plastic", (25, 25, 5)),
    ("keyboard.n.01", "box", "plastic", (45, 3, 15)),
    ("remote_control.n.01", "box", "plastic", (5, 2, 18)),
    ("fan.n.01", "generic", "plastic", (30, 40, 20)),
    ("faucet.n.01", "hardware", "metal", (5, 15, 15)),
    ("water_faucet.n.01", "hardware", "metal", (5, 15, 15)),
    ("fence.n.01", "board", "wood", (200, 100, 3)),
    ("birdhouse.n.01", "box", "wood", (15, 20, 15)),
    ("doll.n.01", "generic", "fabric", (15, 30, 8)),
    ("die.n.01", "box", "plastic", (1.6, 1.6, 1.6)),
    ("plaything.n.01", "generic", "plastic", (10, 10, 10)),
    ("figurine.n.01", "generic", "ceramic", (6, 12, 6)),
    ("sculpture.n.01", "generic", "stone", (20, 30, 20)),
    ("sequin.n.01", "disc", "plastic", (0.6, 0.1, 0.6)),
    ("jewel.n.01", "sphere", "stone", (1, 1, 1)),
    ("jewelry.n.01", "generic", "metal", (3, 3, 1)),
    ("broom.n.01", "generic", "fibre", (30, 130, 8)),
    ("brush.n.02", "generic", "wood", (4, 20, 2)),
    ("cutlery.n.02", "generic", "metal", (3, 1, 20), 0.9),
    ("kitchen_utensil.n.01", "generic", "metal", (10, 5, 25), 0.9),
    ("hand_tool.n.01", "generic", "metal", (5, 3, 25), 0.9),
    ("tool.n.01", "generic", "metal", (5, 3, 25), 0.9),
    ("utensil.n.01", "generic", "metal", (10, 5, 25), 0.9),
    ("ceramic.n.01", "jar", "ceramic", (12, 12, 12), 0.8),
    # --- materials (substances) ----------------------------------------------
    ("sawdust.n.01", "fill", "wood", (20, 10, 20)),
    ("wood.n.01", "board", "wood", (60, 2, 20)),
    ("foam.n.02", "sheet", "foam", (50, 2, 30)),
    ("synthetic_resin.n.01", "sheet", "plastic", (30, 0.2, 20)),
    ("plastic.n.01", "sheet", "plastic", (30, 0.2, 20)),
    ("glass.n.01", "sheet", "glass", (30, 0.3, 20)),
    ("rubber.n.01", "sheet", "rubber", (20, 0.3, 20)),
    ("synthetic_rubber.n.01", "sheet", "rubber", (20, 0.3, 20)),
    ("aluminum.n.01", "sheet", "metal", (30, 0.1, 20)),
    ("copper.n.01", "sheet", "metal", (30, 0.1, 20)),
    ("iron.n.01", "sheet", "metal", (30, 0.1, 20)),
    ("tin.n.01", "sheet", "metal", (30, 0.1, 20)),
    ("zinc.n.01", "sheet", "metal", (30, 0.1, 20)),
    ("silver.n.01", "sheet", "metal", (30, 0.1, 20)),
    ("gold.n.03", "sheet", "metal", (30, 0.1, 20)),
    ("lead.n.02", "sheet", "metal", (30, 0.1, 20)),
    ("nickel.n.01", "sheet", "metal", (30, 0.1, 20)),
    ("chromium.n.01", "sheet", "metal", (30, 0.1, 20)),
    ("titanium.n.01", "sheet", "metal", (30, 0.1, 20)),
    ("metallic_element.n.01", "generic", "metal", None),
    ("alloy.n.01", "sheet", "metal", (30, 0.1, 20)),
    ("cork.n.01", "sheet", "cork", (30, 0.6, 20)),
    ("leather.n.01", "fabric", "fabric", (40, 0.3, 30)),
    ("clay.n.01", "generic", "ceramic", (8, 8, 8), 1.0),
    ("papier-mache.n.01", "generic", "paper", (10, 10, 10)),
    ("concrete.n.01", "fill", "stone", (20, 20, 20)),
    ("cement.n.02", "fill", "stone", (20, 20, 20)),
    ("plaster.n.01", "fill", "stone", (20, 20, 20)),
    ("gravel.n.01", "fill", "stone", (20, 10, 20)),
    ("sand.n.01", "fill", "stone", (20, 10, 20)),
    ("soil.n.02", "fill", "soil", (20, 10, 20)),
    ("earth.n.02", "fill", "soil", (20, 10, 20)),
    ("compost.n.01", "fill", "soil", (20, 10, 20)),
    ("mulch.n.01", "fill", "plant", (20, 5, 20)),
    ("peat.n.01", "fill", "soil", (20, 10, 20)),
    ("charcoal.n.01", "fill", "stone", (20, 10, 20)),
    ("powder.n.01", "fill", "other", (10, 5, 10)),
    ("water.n.01", "fill", "water", (20, 10, 20)),
    ("ice.n.01", "box", "water", (3, 3, 3)),
    ("liquid.n.01", "fill", "water", (20, 10, 20), 0.8),
    ("wax.n.01", "fill", "wax", (10, 5, 10)),
    ("wicker.n.01", "string", "fibre", (0.5, 0.5, 100)),
    ("straw.n.01", "fill", "fibre", (20, 10, 20)),
    ("chaff.n.01", "fill", "plant", (20, 10, 20)),
    ("fiber.n.01", "string", "fibre", (0.3, 0.3, 200), 0.8),
    ("gem.n.02", "sphere", "stone", (1, 1, 1)),
    ("crystal.n.01", "sphere", "stone", (3, 4, 3)),
    ("mineral.n.01", "generic", "stone", (4, 3, 3)),
    ("rock.n.02", "board", "stone", (30, 3, 20)),
    ("stone.n.02", "box", "stone", (20, 10, 10)),
    ("building_material.n.01", "generic", "stone", (20, 10, 10), 0.6),
    ("material.n.01", "generic", "other", None),
    # --- plants and their parts ----------------------------------------------
    ("cone.n.03", "cone", "wood", (6, 9, 6)),
    ("branchlet.n.01", "cylinder", "wood", (0.8, 25, 0.8)),
    ("trunk.n.01", "cylinder", "wood", (30, 150, 30)),
    ("branch.n.02", "cylinder", "wood", (3, 60, 3)),
    ("bark.n.01", "sheet", "wood", (15, 1, 10)),
    ("stalk.n.02", "cylinder", "plant", (0.8, 40, 0.8)),
    ("leaf.n.01", "plant", "plant", (6, 0.3, 10)),
    ("petal.n.01", "plant", "plant", (2, 0.1, 3)),
    ("flower.n.02", "plant", "plant", (6, 6, 6)),
    ("nut.n.01", "sphere", "seed", (2.5, 2.5, 2.5)),
    ("seed.n.01", "fill", "seed", (20, 10, 20)),
    ("grain.n.02", "fill", "seed", (20, 10, 20)),
    ("edible_fruit.n.01", "sphere", "plant", (8, 8, 8)),
    ("fruit.n.01", "sphere", "plant", (6, 6, 6)),
    ("vegetable.n.01", "generic", "plant", (8, 8, 8), 0.5),
    ("root.n.01", "plant", "plant", (5, 15, 5)),
    ("plant_part.n.01", "plant", "plant", (5, 5, 5), 0.8),
    ("moss.n.01", "plant", "plant", (15, 2, 15)),
    ("succulent.n.01", "plant", "plant", (8, 7, 8)),
    ("cactus.n.01", "plant", "plant", (6, 12, 6)),
    ("houseplant.n.01", "plant", "plant", (15, 25, 15)),
    ("fern.n.01", "plant", "plant", (20, 20, 20)),
    ("herb.n.01", "plant", "plant", (8, 15, 8)),
    ("grass.n.01", "plant", "plant", (10, 15, 10)),
    ("flower.n.01", "plant", "plant", (8, 20, 8)),
    ("vine.n.01", "plant", "plant", (15, 25, 15)),
    ("shrub.n.01", "plant", "plant", (40, 60, 40)),
    ("tree.n.01", "plant", "plant", (60, 200, 60), 0.6),
    ("plant.n.02", "plant", "plant", (12, 18, 12), 0.8),
    # --- natural objects -----------------------------------------------------
    ("pebble.n.01", "sphere", "stone", (2.5, 1.5, 2)),
    ("boulder.n.01", "sphere", "stone", (80, 60, 70)),
    ("rock.n.01", "sphere", "stone", (8, 6, 7)),
    ("shell.n.02", "sphere", "stone", (4, 2, 3)),
    # --- catch-alls ----------------------------------------------------------
    ("covering.n.02", "generic", "other", None),
    ("decoration.n.01", "generic", "other", None),
    ("commodity.n.01", "generic", "other", None),
    ("device.n.01", "generic", "other", None),
    ("mechanism.n.05", "generic", "other", None),
    ("machine.n.01", "generic", "other", None),
    ("instrument.n.01", "generic", "other", None),
    ("equipment.n.01", "generic", "other", None),
    ("implement.n.01", "generic", "other", None),
    ("instrumentality.n.03", "generic", "other", None),
    ("part.n.02", "generic", "other", None),
    ("artifact.n.01", "generic", "other", None),
    ("natural_object.n.01", "generic", "other", None),
    ("substance.n.01", "generic", "other", None),
    ("matter.n.03", "generic", "other", None),
]

# A lemma whose first sense is a colour, a number or a unit is left out:
# "six", "black" or "yard" in a step are no parts.
FIRST_SENSE_BLOCKERS = ["color.n.01", "number.n.02", "unit_of_measurement.n.01"]

# Lemmas whose craft sense WordNet lists late: lemma -> synset.
SENSE_OVERRIDES = {
    "pot": "pot.n.04",
    "ribbon": "ribbon.n.04",
    "marble": "marble.n.02",
    "cap": "cap.n.02",
    "plate": "plate.n.04",
    "needle": "needle.n.03",
    "staple": "staple.n.04",
    "taper": "candle.n.01",
    "bulb": "light_bulb.n.01",
    "hose": "hose.n.03",
    "cotton": "cotton.n.02",
    "cork": "cork.n.04",
}

# Synsets that say what a thing is made of when found among its hypernyms.
MATERIAL_SYNSETS = [
    ("cardboard.n.01", "cardboard"),
    ("paperboard.n.01", "cardboard"),
    ("pasteboard.n.01", "cardboard"),
    ("paper.n.01", "paper"),
    ("wood.n.01", "wood"),
    ("lumber.n.01", "wood"),
    ("plant_material.n.01", "plant"),
    ("metallic_element.n.01", "metal"),
    ("alloy.n.01", "metal"),
    ("sheet_metal.n.01", "metal"),
    ("plastic.n.01", "plastic"),
    ("synthetic_resin.n.01", "plastic"),
    ("glass.n.01", "glass"),
    ("glassware.n.01", "glass"),
    ("fabric.n.01", "fabric"),
    ("leather.n.01", "fabric"),
    ("rubber.n.01", "rubber"),
    ("synthetic_rubber.n.01", "rubber"),
    ("ceramic.n.01", "ceramic"),
    ("clay.n.01", "ceramic"),
    ("cork.n.01", "cork"),
    ("foam.n.02", "foam"),
    ("soil.n.02", "soil"),
    ("rock.n.02", "stone"),
    ("rock.n.01", "stone"),
    ("mineral.n.01", "stone"),
    ("wax.n.01", "wax"),
    ("fiber.n.01", "fibre"),
    ("seed.n.01", "seed"),
    ("water.n.01", "water"),
]

# Anchors of tools: a material word in a tool's name says what it works on
# ("glass cutter", "wood chisel"), not what it is made of.
TOOL_ANCHORS = {
    "tool.n.01", "hand_tool.n.01", "cutlery.n.02", "kitchen_utensil.n.01",
    "utensil.n.01", "needle.n.03", "brush.n.02", "cleaning_implement.n.01",
}

# Words that name a material in a gloss or in a compound lemma.
MATERIAL_WORDS = {
    "wood": "wood", "wooden": "wood", "timber": "wood", "lumber": "wood",
    "plywood": "wood", "hardwood": "wood", "softwood": "wood", "balsa": "wood",
    "oak": "wood", "pine": "wood", "bamboo": "wood", "wood-fiber": "wood",
    "metal": "metal", "metallic": "metal", "steel": "metal", "iron": "metal",
    "aluminum": "metal", "aluminium": "metal", "brass": "metal",
    "copper": "metal", "tin": "metal", "tinplate": "metal", "zinc": "metal",
    "bronze": "metal", "pewter": "metal", "chrome": "metal", "silver": "metal",
    "gold": "metal", "metalware": "metal", "wire": "metal",
    "plastic": "plastic", "polystyrene": "plastic", "polyethylene": "plastic",
    "vinyl": "plastic", "acrylic": "plastic", "pvc": "plastic",
    "celluloid": "plastic", "cellophane": "plastic", "lucite": "plastic",
    "plexiglas": "plastic", "nylon": "plastic",
    "glass": "glass", "crystal": "glass",
    "paper": "paper", "papier-mache": "paper", "parchment": "paper",
    "cardboard": "cardboard", "paperboard": "cardboard",
    "pasteboard": "cardboard", "cardstock": "cardboard",
    "cloth": "fabric", "fabric": "fabric", "textile": "fabric",
    "wool": "fabric", "woolen": "fabric", "woollen": "fabric",
    "cotton": "fabric", "felt": "fabric", "silk": "fabric", "linen": "fabric",
    "canvas": "fabric", "burlap": "fabric", "denim": "fabric",
    "velvet": "fabric", "satin": "fabric", "leather": "fabric",
    "suede": "fabric", "knitted": "fabric", "flannel": "fabric",
    "rubber": "rubber", "latex": "rubber", "neoprene": "rubber",
    "ceramic": "ceramic", "clay": "ceramic", "pottery": "ceramic",
    "porcelain": "ceramic", "earthenware": "ceramic", "stoneware": "ceramic",
    "terracotta": "ceramic", "china": "ceramic",
    "cork": "cork",
    "foam": "foam", "styrofoam": "foam", "polyurethane": "foam",
    "stone": "stone", "marble": "stone", "granite": "stone",
    "concrete": "stone", "cement": "stone", "slate": "stone",
    "wax": "wax", "paraffin": "wax", "beeswax": "wax",
    "straw": "fibre", "wicker": "fibre", "rattan": "fibre", "raffia": "fibre",
    "jute": "fibre", "sisal": "fibre", "hemp": "fibre", "wickerwork": "fibre",
    "rush": "fibre", "fiber": "fibre", "fibre": "fibre", "fibers": "fibre",
    "fibres": "fibre", "plastics": "plastic", "metals": "metal",
}
# A material word in a gloss names what a thing is made of right after one
# of NEAR_WORDS, or after "of"/"from" and one more word ("of twisted fibers").
NEAR_WORDS = {"of", "from", "in", "with", "made"}
OF_WORDS = {"of", "from"}
# The leading words of a gloss, up to PREMODIFIER_SPAN and before the first
# of HEAD_ENDS, are its head noun and the words that modify it ("a large
# (usually metallic) vessel for ...").
PREMODIFIER_SPAN = 6
HEAD_ENDS = {
    "for", "of", "that", "which", "used", "with", "in", "to", "from", "on",
    "consisting", "made", "having", "by", "at", "into", "where", "when",
    "usually", "especially", "as", "like", "designed", "worn",
}

LEXNAMES = [
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal",
    "noun.artifact", "noun.attribute", "noun.body", "noun.cognition",
    "noun.communication", "noun.event", "noun.feeling", "noun.food",
    "noun.group", "noun.location", "noun.motive", "noun.object",
    "noun.person", "noun.phenomenon", "noun.plant", "noun.possession",
    "noun.process", "noun.quantity", "noun.relation", "noun.shape",
    "noun.state", "noun.substance", "noun.time",
]
# Lexicographer files of things that can be touched.
THING_LEXFILES = {
    "noun.Tops", "noun.artifact", "noun.object", "noun.plant", "noun.substance",
    "noun.food", "noun.animal", "noun.person", "noun.body",
}
TRADEMARK_LEXFILES = {"noun.artifact", "noun.substance"}

LEMMA_RE = re.compile(r"^[a-z][a-z'-]*(?: [a-z][a-z'-]*){0,2}$")
WORD_RE = re.compile(r"^[a-z]+(?:[-'][a-z]+)*$")


class Synset:
    __slots__ = ("offset", "lexname", "words", "hypernyms", "instance", "gloss")

    def __init__(self, offset, lexname, words, hypernyms, instance, gloss):
        self.offset = offset
        self.lexname = lexname
        self.words = words
        self.hypernyms = hypernyms
        self.instance = instance
        self.gloss = gloss


def data_lines(path):
    with open(path, encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):  # licence header
                yield line.rstrip("\n")


def read_data_noun(wndir):
    synsets = {}
    for line in data_lines(os.path.join(wndir, "data.noun")):
        body, _, gloss = line.partition(" | ")
        f = body.split()
        offset, lexname = f[0], LEXNAMES[int(f[1])]
        n = int(f[3], 16)
        words = [f[4 + 2 * i] for i in range(n)]
        i = 4 + 2 * n
        hypernyms, instance = [], False
        for _ in range(int(f[i])):
            sym, off, pos = f[i + 1], f[i + 2], f[i + 3]
            i += 4
            if pos != "n":
                continue
            if sym == "@":
                hypernyms.append(off)
            elif sym == "@i":
                instance = True
        synsets[offset] = Synset(offset, lexname, words, hypernyms, instance, gloss.strip())
    return synsets


def read_index(path):
    """lemma -> synset offsets, most frequent sense first."""
    out = {}
    for line in data_lines(path):
        f = line.split()
        lemma, synset_cnt, p_cnt = f[0], int(f[2]), int(f[3])
        out[lemma] = f[6 + p_cnt: 6 + p_cnt + synset_cnt]
    return out


def read_counts(wndir):
    """(lemma, noun sense number) -> SemCor tag count, from cntlist.rev."""
    counts = {}
    path = os.path.join(wndir, "cntlist.rev")
    if not os.path.exists(path):
        return counts
    with open(path, encoding="latin-1") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3:
                continue
            key, sense, cnt = parts
            lemma, _, rest = key.partition("%")
            if rest.startswith("1:"):
                counts[(lemma, int(sense))] = int(cnt)
    return counts


def fmt(x):
    x = round(float(x), 1)
    return str(int(x)) if x == int(x) else f"{x:.1f}"


class Mapper:
    def __init__(self, wndir):
        self.synsets = read_data_noun(wndir)
        self.index = read_index(os.path.join(wndir, "index.noun"))
        self.counts = read_counts(wndir)
        self.anchors = {}  # offset -> (order, kind, material, size, weight, name)
        for order, entry in enumerate(ANCHORS):
            name, kind = entry[0], entry[1]
            off = self.resolve(name)
            if off in self.anchors:
                continue  # listed twice: the first entry wins
            if kind is None:
                self.anchors[off] = (order, None, None, None, 0.0, name)
                continue
            material, size = entry[2], entry[3]
            assert kind in KINDS, name
            assert material in MATERIALS, name
            default_weight = GENERIC_WEIGHT if kind == "generic" else 1.0
            weight = entry[4] if len(entry) > 4 else default_weight
            self.anchors[off] = (order, kind, material, size, weight, name)
        self.material_synsets = {}
        for name, material in MATERIAL_SYNSETS:
            assert material in MATERIALS, name
            self.material_synsets.setdefault(self.resolve(name), material)
        self.overrides = {k: self.resolve(v) for k, v in SENSE_OVERRIDES.items()}
        self.blockers = {self.resolve(name) for name in FIRST_SENSE_BLOCKERS}
        self._ancestors = {}

    def resolve(self, name):
        lemma, pos, num = name.rsplit(".", 2)
        assert pos == "n", name
        entry = self.index.get(lemma.lower())
        if entry is None or int(num) > len(entry):
            sys.exit(f"generate.py: anchor {name} is not in WordNet")
        return entry[int(num) - 1]

    def name(self, off):
        word = self.synsets[off].words[0]
        offsets = self.index.get(word.lower(), [])
        num = offsets.index(off) + 1 if off in offsets else 0
        return f"{word}.n.{num:02d}"

    def ancestors(self, off):
        """[(distance, offset)] over hypernyms, self first, breadth first."""
        cached = self._ancestors.get(off)
        if cached is not None:
            return cached
        out, seen, frontier, dist = [(0, off)], {off}, [off], 0
        while frontier:
            dist += 1
            nxt = []
            for o in frontier:
                for h in self.synsets[o].hypernyms:
                    if h not in seen:
                        seen.add(h)
                        nxt.append(h)
                        out.append((dist, h))
            frontier = nxt
        self._ancestors[off] = out
        return out

    def anchor(self, off):
        """The nearest anchor (ties: the one listed first), or None."""
        best = None
        for dist, o in self.ancestors(off):
            a = self.anchors.get(o)
            if a is None:
                continue
            key = (dist, a[0])
            if best is None or key < best[0]:
                best = (key, a)
        return best[1] if best else None

    def chain_material(self, off):
        best = None
        for dist, o in self.ancestors(off):
            m = self.material_synsets.get(o)
            if m is not None and (best is None or dist < best[0]):
                best = (dist, m)
        return best

    @staticmethod
    def gloss_material(gloss):
        definition = re.split(r'[;"]', gloss, maxsplit=1)[0].lower()
        words = re.findall(r"[a-z][a-z-]*", definition)
        head_end = next(
            (i for i, w in enumerate(words) if w in HEAD_ENDS and i > 0), len(words)
        )
        head_end = min(head_end, PREMODIFIER_SPAN)
        for i, w in enumerate(words):
            m = MATERIAL_WORDS.get(w)
            if m is None:
                continue
            if (
                i < head_end
                or (i >= 1 and words[i - 1] in NEAR_WORDS)
                or (i >= 2 and words[i - 2] in OF_WORDS)
            ):
                return m
        return None

    def judge(self, lemma, off):
        """How one sense of `lemma` maps: (status, kind, material, size, weight, anchor).

        status: "ok", "generic" (ok but generic), "useless" (generic, no
        size), "excluded", "abstract" (not a physical thing), "proper".
        """
        s = self.synsets[off]
        form = next((w for w in s.words if w.lower() == lemma), lemma)
        if form != form.lower():
            trademark = (
                s.lexname in TRADEMARK_LEXFILES
                and not s.instance
                and re.fullmatch(r"[A-Z][a-z]{3,}", form) is not None
            )
            acronym = (
                s.lexname == "noun.artifact"
                and not s.instance
                and re.fullmatch(r"[A-Z]{2,4}", form) is not None
            )
            trademark = trademark or acronym
            if not trademark:
                return ("proper", None, None, None, 0.0, None)
        if s.instance:
            return ("proper", None, None, None, 0.0, None)
        a = self.anchor(off)
        if a is None:
            status = "excluded" if s.lexname in THING_LEXFILES else "abstract"
            return (status, None, None, None, 0.0, None)
        _, kind, material, size, weight, name = a
        if kind is None:
            status = "excluded" if s.lexname in THING_LEXFILES else "abstract"
            return (status, None, None, None, 0.0, name)
        if kind == "generic" and size is None:
            return ("useless", kind, material, size, 0.0, name)
        if self.anchors.get(off) is None:
            # Not an anchor itself: what it is made of, else the default.
            chain = self.chain_material(off)
            words = lemma.split("_")
            from_lemma = None
            if name not in TOOL_ANCHORS:  # a "glass cutter" is not of glass
                from_lemma = next(
                    (MATERIAL_WORDS[w] for w in words[:-1] if w in MATERIAL_WORDS), None
                )
            if chain is not None:
                material = chain[1]
            else:
                material = self.gloss_material(s.gloss) or from_lemma or material
        if kind == "plant":
            material = "plant"  # a living plant is drawn as one, whatever its wood
        status = "generic" if kind == "generic" else "ok"
        return (status, kind, material, size, weight, name)

    def choose(self, lemma):
        """The chosen (kind, material, size) for a noun lemma, or None."""
        offsets = self.index[lemma]
        if any(o in self.blockers for _, o in self.ancestors(offsets[0])):
            return None, None
        judged = [self.judge(lemma, off) for off in offsets]
        override = self.overrides.get(lemma)
        if override in offsets:
            j = judged[offsets.index(override)]
            if j[0] in ("ok", "generic"):
                return j, offsets.index(override)
        best = None
        for rank, j in enumerate(judged):
            if j[0] not in ("ok", "generic"):
                continue
            rw = RANK_WEIGHT[rank] if rank < len(RANK_WEIGHT) else LATE_RANK_WEIGHT
            score = rw * j[4]
            if best is None or score > best[0]:
                best = (score, rank, j)
        if best is None:
            return None, None
        _, rank, j = best
        # Dominated by senses that are no things, or natural things a maker
        # does not build with (animals, body parts, places): left out. A
        # dominant person or excluded artifact sense does not count: "planter"
        # or "pitcher" name people first, but a maker means the container.
        def dominating(off, j):
            lexname = self.synsets[off].lexname
            return j[0] == "abstract" or (
                j[0] == "excluded" and lexname not in ("noun.person", "noun.artifact")
            )

        if rank > 0 and dominating(offsets[0], judged[0]):
            c_other = c_usable = 0
            for r, jr in enumerate(judged):
                c = self.counts.get((lemma, r + 1), 0)
                if jr[0] in ("ok", "generic"):
                    c_usable += c
                elif dominating(offsets[r], jr):
                    c_other += c
            if c_other >= DOMINANT_MIN and c_other > DOMINANT_RATIO * (c_usable + 1):
                return None, rank
        return j, rank

    def nouns(self):
        rows = []
        for lemma in self.index:
            text = lemma.replace("_", " ")
            if not LEMMA_RE.match(text):
                continue
            j, _ = self.choose(lemma)
            if j is None:
                continue
            _, kind, material, size, _, _ = j
            rows.append((text, kind, material, ",".join(fmt(x) for x in size)))
        rows.sort()
        return rows

    def abstract(self):
        """Single words whose first noun sense is abstract and none usable."""
        rows = []
        for lemma, offsets in self.index.items():
            if not WORD_RE.match(lemma):
                continue
            judged = [self.judge(lemma, off)[0] for off in offsets]
            if judged[0] == "abstract" and not any(
                j in ("ok", "generic", "useless") for j in judged
            ):
                rows.append(lemma)
        rows.sort()
        return rows

    def people(self):
        """Single words whose first noun sense is a person and none usable."""
        rows = []
        for lemma, offsets in self.index.items():
            if not WORD_RE.match(lemma):
                continue
            if self.synsets[offsets[0]].lexname != "noun.person":
                continue
            judged = [self.judge(lemma, off)[0] for off in offsets]
            if not any(j in ("ok", "generic", "useless") for j in judged):
                rows.append(lemma)
        rows.sort()
        return rows

    def explain(self, word):
        lemma = word.lower().replace(" ", "_")
        if lemma not in self.index:
            print(f"{word}: not a WordNet noun")
            return
        for rank, off in enumerate(self.index[lemma]):
            s = self.synsets[off]
            j = self.judge(lemma, off)
            cnt = self.counts.get((lemma, rank + 1), 0)
            print(f"  {rank + 1}. {self.name(off)} [{s.lexname}] n={cnt} -> {j[0]}"
                  f" {j[1] or ''} {j[2] or ''} {j[3] or ''} (anchor {j[5]})")
            print(f"       {s.gloss[:100]}")
        j, rank = self.choose(lemma)
        if j is None:
            print(f"  => left out")
        else:
            print(f"  => sense {rank + 1}: {j[1]} {j[2]} {j[3]}")


# cntlist.rev sense keys: lemma%ss_type:..., ss_type 1 noun, 2 verb, 3 adjective,
# 4 adverb, 5 adjective satellite.
SS_TYPE_POS = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}


def semcor_frequencies(wndir):
    """(lemma, pos) -> how often the lemma's senses of that POS were tagged in
    SemCor (the sum of cntlist.rev's tag counts)."""
    freq = collections.Counter()
    with open(os.path.join(wndir, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3 or "%" not in parts[0]:
                continue
            lemma, _, rest = parts[0].partition("%")
            pos = SS_TYPE_POS.get(rest[:1])
            if pos is not None:
                freq[(lemma, pos)] += int(parts[2])
    return freq


def pos_rows(wndir):
    indexes = {p: read_index(os.path.join(wndir, f"index.{name}"))
               for p, name in (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv"))}
    freq = semcor_frequencies(wndir)
    words = set()
    for p in ("v", "a", "r"):
        words.update(w for w in indexes[p] if WORD_RE.match(w))
    rows = []
    for w in sorted(words):
        cols = [f"{p}={freq[(w, p)]}" for p in ("n", "v", "a", "r") if w in indexes[p]]
        rows.append((w, ",".join(cols)))
    return rows


def exception_rows(wndir):
    rows = []
    for p, name in (("n", "noun"), ("v", "verb"), ("a", "adj")):
        for line in data_lines(os.path.join(wndir, f"{name}.exc")):
            f = line.split()
            if len(f) < 2:
                continue
            inflected = f[0].replace("_", " ")
            for order, lemma in enumerate(f[1:]):
                rows.append((inflected, p, order, lemma.replace("_", " ")))
    rows.sort()
    return [(i, p, l) for i, p, _, l in rows]


DEBIAN_COPYRIGHT = "/usr/share/doc/wordnet-base/copyright"


def licence_text(wndir):
    """The WordNet 3.0 licence: the "License: WordNet3.0" paragraph of the
    Debian copyright file, else the header of data.noun (the same text with
    line numbers)."""
    lines = []
    if os.path.exists(DEBIAN_COPYRIGHT):
        inside = False
        with open(DEBIAN_COPYRIGHT, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("License: WordNet3.0"):
                    inside = True
                    continue
                if inside:
                    if not line.startswith(" "):
                        break
                    body = line[1:]
                    lines.append("" if body == "." else body)
    if not lines:
        with open(os.path.join(wndir, "data.noun"), encoding="latin-1") as f:
            for line in f:
                if not line.startswith("  "):
                    break
                lines.append(re.sub(r"^\s+\d+ ?", "", line.rstrip()))
    if not lines:
        sys.exit("generate.py: no WordNet licence found")
    return "\n".join(lines).strip("\n") + "\n"


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--out", default=os.path.join(repo, "crates", "extract", "data"))
    ap.add_argument("--explain", action="append", default=[])
    args = ap.parse_args()

    mapper = Mapper(args.wordnet)
    if args.explain:
        for word in args.explain:
            print(word)
            mapper.explain(word)
        return

    os.makedirs(args.out, exist_ok=True)
    nouns = mapper.nouns()
    write(os.path.join(args.out, "nouns.tsv"),
          "".join("\t".join(r) + "\n" for r in nouns))
    pos = pos_rows(args.wordnet)
    write(os.path.join(args.out, "pos.tsv"), "".join("\t".join(r) + "\n" for r in pos))
    exc = exception_rows(args.wordnet)
    write(os.path.join(args.out, "exceptions.tsv"),
          "".join("\t".join(r) + "\n" for r in exc))
    abstract = mapper.abstract()
    write(os.path.join(args.out, "abstract.tsv"), "".join(w + "\n" for w in abstract))
    people = mapper.people()
    write(os.path.join(args.out, "people.tsv"), "".join(w + "\n" for w in people))
    covered = {r[0] for r in nouns} | {r[0] for r in pos} | set(abstract) | set(people)
    others = sorted(w for w in mapper.index if WORD_RE.match(w) and w not in covered)
    write(os.path.join(args.out, "other_nouns.tsv"), "".join(w + "\n" for w in others))
    write(os.path.join(args.out, "LICENSE-WordNet"),
          "The tables in this directory (nouns.tsv, pos.tsv, exceptions.tsv, abstract.tsv, "
          "people.tsv, other_nouns.tsv) "
          "are derived "
          "from Princeton WordNet 3.0 by scripts/wordnet/generate.py.\n\n"
          + licence_text(args.wordnet))
    print(f"nouns.tsv {len(nouns)} lines, pos.tsv {len(pos)}, exceptions.tsv {len(exc)}, "
          f"abstract.tsv {len(abstract)}, people.tsv {len(people)}, "
          f"other_nouns.tsv {len(others)}")


if __name__ == "__main__":
    main()
