"""Every threshold and weight of task alignment and target pairing, in one frozen value kept in each brief."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class MatchConfig:
    """The knobs of align.py and classify.py. Calibrated on the two labelled pairs of ../shared/gold.

    Each comment says what the value trades: raising a threshold buys precision with recall, raising a weight
    lets that signal decide more pairs on its own.
    """

    # --- task alignment (align.py) ---
    # Score = words·w_words + heading-ratio·w_heading + bonuses, capped at 1.
    w_words: float = 0.7  # IDF-weighted cosine of the two tasks' words: the main signal
    w_themes: float = 0.2  # cosine of the policy themes both texts name: same line of work in other words
    w_meaning: float = 0.4  # an embedding model's likeness (0..1, see meaning_spread); only with a model
    meaning_spread: float = 2.5  # …counted this many median deviations above the median cosine of A × B pairs
    w_heading: float = 0.2  # character ratio of the two headings: helps short tasks, misleads on set phrases
    w_shared_metric: float = 0.25  # both tasks carry a target on the same metric
    w_same_part: float = 0.05  # their top-level headings read alike (fuzz ratio ≥ same_part_ratio)
    w_echo: float = 0.25  # one task's distinctive heading phrase appears in the other's text
    same_part_ratio: int = 60  # fuzz ratio (0..100) above which two top-level headings count as the same part
    mutual_link_min: float = 0.1  # a pair that is each other's best partner is linked from this lower score
    link_min: float = 0.25  # a best partner at or above this is linked; lower admits loose links
    split_within: float = 0.9  # a second partner (a split) must score within this share of the best one
    context_link_min: float = 0.13  # a task's best partner within its paired groups is linked from this score
    promoted_min: float = 0.3  # a task whose best counterpart is a numbered item with sub-tasks links to them
    promoted_member_min: float = 0.15  # …each sub-task it is linked to scoring at least this against it
    promoted_member_share: float = 0.5  # …and at least this share of the closest sub-task's score
    split_max: int = 2  # at most this many extra partners per task in the split pass
    candidates_top_k: int = 12  # B tasks scored per A task (and back): more costs time, finds rare partners
    shared_metric_min: float = 0.85  # metric similarity for two tasks' metrics to count as shared
    reason_words_min: float = 0.2  # word cosine from which "similar wording" is given as a reason
    reason_themes_min: float = 0.3  # theme cosine from which "same line of work" is given as a reason
    reason_meaning_min: float = 0.5  # model likeness from which "close in meaning" is given as a reason
    reason_heading_ratio: int = 80  # heading fuzz ratio from which "similar heading" is given as a reason

    # --- target pairing and classification (classify.py) ---
    pair_min: float = 0.62  # metric similarity to pair figures of the same unit and basis
    rebase_min: float = 0.8  # higher bar when unit or basis differ: a rebased pair must be the same metric
    bonus_compatible: float = 0.3  # same unit and rankable basis: prefer a pair that can be ranked
    bonus_tasks_aligned: float = 0.1  # the two figures sit in tasks the alignment linked
    bonus_same_quote: float = 0.5  # the very same clause: certainly the same statement
    bonus_same_value: float = 0.05  # equal figures break ties between otherwise equal candidates
    bonus_same_stretch: float = 0.1  # a floor pairs with a floor, a stretch figure with a stretch figure
    bonus_own_year: float = 0.05  # both figures lie as far from their plan's year: 2025 in A with 2026 in B
    family_min: float = 0.8  # metric similarity for a floor and its stretch (or a restatement) to share one
    confidence_scale: float = 1.3  # a pair's score divided by this is its confidence (best scores reach ~1.3)
    lone_confidence: float = 0.7  # confidence of a new or dropped target: a partner may have been missed
    large_jump: float = 5.0  # beyond this ratio (or inverse) only identical names pair, at half confidence

    # --- second pairing pass over the figures left unpaired (pairing.py) ---
    # Evidence that two differently named figures count one thing; a pair needs same unit, horizon and a ratio
    # within large_jump. Weak evidence (below second_strong) also needs the two tasks aligned.
    second_list: float = 1.0  # same place in parallel lists (分别达…) next to an already paired figure
    second_head_equal: float = 1.0  # same counted thing once action verbs and qualifiers are set aside
    second_head_within: float = 0.85  # one counted thing ends the other's name: 投资 / 重大工程投资
    second_named: float = 0.7  # one figure's metric is named in the other's sentence (先发行1万亿 after 国债)
    second_shared_word: float = 0.5  # the names share a last word (首店) or a first word of 3+ characters
    second_long_word: int = 4  # a shared word this long is strong evidence (研发投入…高于全省平均)
    second_weak_ratio: float = 2.0  # shared-word evidence also needs figures within this factor of each other
    second_strong: float = 0.8  # evidence from here on pairs without aligned tasks; raising it asks for more
    second_rounds: int = 3  # passes over the leftovers: a pair found by name anchors its list for the next
    list_gap_max: int = 10  # characters between two figures of one run (a 、 list; a level and its change)
    second_named_min: int = 2  # characters a metric needs before its mention in a sentence counts as evidence
    # --- task alignment, continued (align.py) ---
    # In successive editions of one issuer's document nearly every B task carries on an A task:
    coarse_ratio: float = 1.8  # B is coarser when A has this many times B's tasks: A's tasks merge into B's
    coarse_link_min: float = 0.18  # …then a task of A still alone takes its closest B task from this score
    goal_metric_min: float = 0.55  # metric similarity from which a goal statement's figure continues a task's
    group_min_tasks: int = 2  # an A group carries on under a B part or group that took this many of its tasks
    lone_link_min: float = 0.15  # a B task still alone takes its closest A task from here; lower guesses more

    def to_json(self) -> dict[str, Any]:
        """The configuration as a plain dict for the brief's JSON."""
        return asdict(self)


DEFAULT = MatchConfig()
