"""Quote and attribution extraction: the hard cases, on inline text and on the seed articles.

Inline strings and the seed articles in ``content/`` run everywhere.
"""

from __future__ import annotations

import pytest
from briefing.extract.quote_marks import find_quoted
from briefing.extract.quotes import find_quotes
from briefing.records import Quote
from briefing.textformat import mask_date_line, parse_text, split_paragraphs
from hypothesis import given, settings
from hypothesis import strategies as st
from support import seed as seed_path


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text: str) -> list[Quote]:
        parsed = parse_text(text)
        doc = nlp(mask_date_line(text, parsed.body_start))
        quotes = find_quotes(doc, parsed.paragraphs)
        for q in quotes:  # the offsets contract, always
            assert q.text == text[q.start : q.end]
            if q.speaker is not None:
                assert text[q.speaker.start : q.speaker.end] == q.speaker.name
            if q.cue_start is not None:
                assert text[q.cue_start : q.cue_end] == q.cue
        return quotes

    return _run


def one(quotes: list[Quote], text: str, kind: str | None = None) -> Quote:
    found = [q for q in quotes if q.text == text and (kind is None or q.kind == kind)]
    assert len(found) == 1, f"want one quote {text!r}, got {[q.text for q in quotes]}"
    return found[0]


def speaker(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


def seed(name: str) -> str:
    with open(seed_path(name), encoding="utf-8", newline="") as fh:
        return fh.read()


# ------------------------------------------------------------------ marks and spans


def test_curly_quote_cue_after(run):
    q = one(run("“Taxes will rise next year,” Maria Lopez said.\n"), "Taxes will rise next year")
    assert q.kind == "direct" and q.cue == "said" and speaker(q) == "Maria Lopez"


def test_straight_quote_inverted_cue(run):
    q = one(run('"We are ready for the talks," said the spokesman.'), "We are ready for the talks")
    assert q.cue == "said" and speaker(q) == "the spokesman"


def test_cue_before_with_comma(run):
    q = one(run("He asserted, “The plan will fail.”"), "The plan will fail.")
    assert q.cue == "asserted" and speaker(q) == "He"


def test_single_quotes_and_apostrophes(run):
    text = (
        "The minister said relations are going ‘very well’, adding Iran’s ‘cordial’ ties with "
        "the Zionists' rivals can improve."
    )
    quotes = run(text)
    direct = sorted(q.text for q in quotes if q.kind == "direct")
    assert direct == ["cordial", "very well"]
    assert speaker(one(quotes, "very well")) == "The minister"
    # an apostrophe never opens or closes a quote
    assert not any(q.text.startswith(("s ", "’", "'")) for q in quotes)


def test_straight_single_quote_vs_plural_possessive(run):
    quotes = run("The workers' union called the offer 'a disgrace' on Tuesday.")
    assert [q.text for q in quotes if q.kind == "direct"] == ["a disgrace"]


def test_quote_runs_over_paragraphs(run):
    text = (
        "“The first part of the speech is about schools.\n\n"
        "“The second part is about roads,” the senator said.\n"
    )
    quotes = [q for q in run(text) if q.kind == "direct"]
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text.startswith("The first part") and q.text.endswith("about roads")
    assert speaker(q) == "the senator"


def test_unclosed_quote_stops_at_paragraph_end(run):
    text = "The mayor said “this never closes.\n\nA new paragraph without marks follows here."
    quotes = [q for q in run(text) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["this never closes."]


def test_split_quote_both_parts_attributed(run):
    quotes = run("“The talks were useful,” he said. “We will meet again next month.”")
    assert speaker(one(quotes, "The talks were useful")) == "he"
    second = one(quotes, "We will meet again next month.")
    assert speaker(second) == "he" and second.cue == "said"


def test_quote_in_next_paragraph_inherits_speaker(run):
    text = "“The first point is simple,” Smith said.\n\n“The second point is harder to make.”"
    q = one(run(text), "The second point is harder to make.")
    assert speaker(q) == "Smith"


def test_statement_as_speaker(run):
    q = one(
        run("“The meeting was productive,” the ministry statement said."),
        "The meeting was productive",
    )
    assert speaker(q) == "the ministry statement"


def test_wrote_in_a_statement(run):
    text = "“The visit went well,” the palace office wrote in a statement."
    q = one(run(text), "The visit went well")
    assert q.cue == "wrote in a statement" and speaker(q) == "the palace office"


def test_cue_inside_quote_names_inner_subject(run):
    text = "The statement added that the envoy “stressed the importance of dialogue.”"
    q = one(run(text), "stressed the importance of dialogue.", "direct")
    assert speaker(q) == "the envoy" and q.cue == "stressed"


def test_and_added_inherits_subject(run):
    text = "The mayor spoke for an hour and added, “The budget is balanced.”"
    q = one(run(text), "The budget is balanced.")
    assert q.cue == "added" and speaker(q) == "The mayor"


def test_dash_attribution(run):
    q = one(
        run("“We deserve better than this campaign.” ― Martha Aguilar\n"),
        "We deserve better than this campaign.",
    )
    assert speaker(q) == "Martha Aguilar"


def test_right_mark_typed_for_a_left_one_opens(run):
    quotes = run("”Fear. I am truly afraid of what comes next.” ― Edwin G. Monroy\n")
    assert speaker(one(quotes, "Fear. I am truly afraid of what comes next.")) == "Edwin G. Monroy"
    text = "One man claimed that “social engineering,” ”like women in combat” hurt the army."
    inner = [text[r.start : r.end] for r in find_quoted(text, [(0, len(text))])]
    assert inner == ["social engineering", "like women in combat"]


def test_markup_attribute_values_are_not_quotes():
    text = '<tweet author="@someone" date="that is all.">Sanders said “it is 51 percent.”<tweet/>'
    found = [text[r.start : r.end] for r in find_quoted(text, [(0, len(text))])]
    assert found == ["it is 51 percent."]


def test_quoted_transcript_is_read_as_speaker_turns(run):
    text = (
        "Partial transcript as follows:\n\n"
        '"WALLACE: Will she be there tomorrow night?\n\n'
        '"PENCE: Well, look, she thinks this is an episode of “Shark Tank.” It is serious.\n\n'
        '"It is a choice for the American people.\n\n'
        '"(CROSSTALK.)\n\n'
        '"WALLACE: Governor, I want to try to get one more question in."\n'
    )
    quotes = run(text)
    # the turns are the speakers' words, as in an unquoted transcript; the marks around the
    # whole are the article quoting the document
    turns = [(speaker(q), q.text[:12]) for q in quotes if q.kind == "indirect"]
    assert turns == [
        ("WALLACE", "Will she be "),
        ("PENCE", "Well, look, "),
        ("WALLACE", "Governor, I "),
    ]
    pence = next(q for q in quotes if speaker(q) == "PENCE" and q.kind == "indirect")
    assert pence.text.endswith("for the American people.")  # the turn runs on unlabelled
    # a quote inside a turn is the speaker's, however short or title-like
    assert [(q.text, speaker(q)) for q in quotes if q.kind == "direct"] == [
        ("Shark Tank.", "PENCE")
    ]
    assert not any("CROSSTALK" in q.text for q in quotes)


def test_single_marked_subheading_is_not_a_quote(run):
    text = (
        "“The trend lines are clear,” the president said.\n\n"
        "'All Bets Are Off.'\n\n"
        "Eight years ago both men had the same position.\n\n"
        '"No, never!"\n'
    )
    direct = [q.text for q in run(text) if q.kind == "direct"]
    # a double-marked line alone is dialogue and stays
    assert direct == ["The trend lines are clear", "No, never!"]


def test_word_quoted_in_reported_content_is_kept_with_its_speaker(run):
    quotes = run('The senator calls his rivals "losers" at every rally.')
    q = one(quotes, "losers", "direct")
    assert speaker(q) == "The senator"


def test_title_inside_what_somebody_said_is_kept(run):
    text = "The senator described the plan as “Dead On Arrival” in a speech."
    q = one(run(text), "Dead On Arrival", "direct")
    assert speaker(q) == "The senator"


def test_term_naming_a_thing_in_narration_is_dropped(run):
    text = "He offered no proof. The “sex tape” reference was about old footage of a show."
    assert not [q for q in run(text) if q.kind == "direct"]


def test_short_utterance_next_to_its_cue_is_kept(run):
    quotes = run("“Hopefully,” the president said, “this museum can help us heal.”")
    assert speaker(one(quotes, "Hopefully", "direct")) == "the president"


def test_two_capitalised_sentences_are_said_not_a_title(run):
    quotes = run("“Here comes Big Daddy,” she said, clapping. “The Donald. Big Daddy.”")
    assert speaker(one(quotes, "The Donald. Big Daddy.", "direct")) == "she"
    # abbreviations are no sentence break: still a title
    text = "they watched “Mr. And Mrs. Smith” at home on a quiet evening last week."
    assert not [q for q in run(text) if q.kind == "direct"]


def test_title_is_not_a_quote(run):
    quotes = run("She appeared on CBS’s “Face the Nation” to discuss the budget.")
    assert not [q for q in quotes if q.kind == "direct"]


def test_unbalanced_marks_never_absurd(run):
    text = "He said ” this ” is “ odd \" text ' with ‘ marks’.\n\nNext “paragraph."
    quotes = run(text)
    # the second paragraph does not open with a mark, so nothing runs into it
    assert quotes and all("\n\n" not in q.text for q in quotes)


def test_a_finished_quote_leaves_the_next_sentences_cue_to_its_own_quote(run):
    # ``“….” But now, he said, this “…”``: the cue frames the quote of its own sentence
    quotes = run(
        "Raj Patel remembers when the town had one temple. “You almost never saw a Muslim.” "
        "But now, he said, this “small town has gotten too big too fast.”"
    )
    first = one(quotes, "You almost never saw a Muslim.")
    later = one(quotes, "small town has gotten too big too fast.", "direct")
    assert later.cue == "said" and speaker(later) == "he"
    assert first.cue_start != later.cue_start


# ------------------------------------------------------------------ indirect speech


@pytest.mark.parametrize(
    ("text", "content", "cue", "who"),
    [
        (
            "The minister stressed that the talks must continue.",
            "the talks must continue",
            "stressed",
            "The minister",
        ),
        (
            "The mayor said the roads would reopen soon.",
            "the roads would reopen soon",
            "said",
            "The mayor",
        ),
        (
            "According to the ministry, the border will reopen on Monday.",
            "the border will reopen on Monday",
            "According to",
            "the ministry",
        ),
        (
            "The senator called for an immediate ceasefire.",
            "an immediate ceasefire",
            "called for",
            "The senator",
        ),
        (
            "The governor noted that revenue fell sharply last year.",
            "revenue fell sharply last year",
            "noted",
            "The governor",
        ),
        (
            "The official emphasized that the deal was fair.",
            "the deal was fair",
            "emphasized",
            "The official",
        ),
        (
            "The ministry said in a statement that the embassy would stay open.",
            "the embassy would stay open",
            "said in a statement",
            "The ministry",
        ),
        (
            "The economy, the finance minister said, is growing faster than expected.",
            None,
            "said",
            "the finance minister",
        ),
    ],
)
def test_indirect_speech(run, text, content, cue, who):
    quotes = [q for q in run(text) if q.kind == "indirect"]
    assert len(quotes) == 1, [q.text for q in quotes]
    q = quotes[0]
    if content is not None:
        assert q.text == content
    else:
        assert "economy" in q.text and "growing faster" in q.text
    assert q.cue == cue and speaker(q) == who


def test_deputy_minister_subject_keeps_prep_modifier(run):
    text = "The deputy foreign minister for political affairs said that ties are strong."
    q = one(run(text), "ties are strong")
    assert speaker(q) == "The deputy foreign minister for political affairs"


def test_relative_clause_is_not_part_of_the_mention(run):
    text = "The envoy, who arrived on Monday, said that the talks would resume."
    q = one(run(text), "the talks would resume")
    assert speaker(q) == "The envoy"


# ------------------------------------------------------------------ quote marks alone


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .,\n\"'“”‘’«»:", max_size=120))
def test_find_quoted_spans_are_sane(text):
    paragraphs = split_paragraphs(text)
    for r in find_quoted(text, paragraphs):
        assert 0 <= r.open < r.start <= r.end <= len(text)
        # a quote never spans more than the paragraphs it was opened and continued in
        assert r.end <= max(e for _, e in paragraphs)


# ------------------------------------------------------------------ seed articles


def test_seed_004_direct_quote_mentions(run):
    text = seed("004")
    quotes = run(text)
    starts = {
        "The second step in the neighborly policy": "Bagheri Kani",
        "We welcome Qatar’s effective role": "The Iranian diplomat",
        "Any lasting regional arrangements": "the deputy foreign minister for political affairs",
        "Palestine is the key to the region’s stability": "Bagheri Kani",
    }
    for prefix, who in starts.items():
        found = [q for q in quotes if q.kind == "direct" and q.text.startswith(prefix)]
        assert len(found) == 1, prefix
        q = found[0]
        assert speaker(q) == who, (prefix, speaker(q))
        # the mention is the subject right there in the article, not one elsewhere
        assert q.speaker.start < q.start


def test_seed_004_statement_quotes(run):
    quotes = run(seed("004"))
    q = [x for x in quotes if x.kind == "direct" and x.text.startswith("During the meeting")][0]
    assert speaker(q) == "the Qatari statement"
    q = [x for x in quotes if x.kind == "direct" and x.text.startswith("stressed the importance")]
    assert speaker(q[0]) == "the Qatari diplomat"
    q = [x for x in quotes if x.kind == "direct" and x.text.startswith("stressed that this")]
    assert speaker(q[0]) == "He"


def test_seed_000_partial_quotes(run):
    text = seed("000")
    quotes = run(text)
    assert speaker(one(quotes, "very well")) == "The Iranian minister"
    assert speaker(one(quotes, "have never been so close")) == "He"
    stressing = [q for q in quotes if q.kind == "direct" and q.text.startswith("it shows we")]
    assert speaker(stressing[0]) == "He"
    # Iran’s, the region’s: apostrophes, never quote marks
    assert not any(q.kind == "direct" and q.text.startswith("s ") for q in quotes)
    assert one(quotes, "cordial and brotherly").kind == "direct"


def test_seed_002_quotes(run):
    quotes = run(seed("002"))
    assert speaker(one(quotes, "very good")) == "Amir-Abdollahian"
    long = [q for q in quotes if q.kind == "direct" and q.text.startswith("During the meeting")]
    assert speaker(long[0]) == "the Amiri Diwan office"
    assert long[0].cue == "wrote in a statement"


def test_seed_001_asserted(run):
    quotes = run(seed("001"))
    q = [x for x in quotes if x.kind == "direct" and x.text.startswith("The Zionists need")]
    assert speaker(q[0]) == "He" and q[0].cue == "asserted"


def test_seed_003_indirect(run):
    quotes = run(seed("003"))
    acc = [q for q in quotes if q.cue and q.cue.lower() == "according to"]
    assert acc and speaker(acc[0]) == "the Qatari diplomat"
    first = [q for q in quotes if q.cue == "emphasized"][0]
    assert speaker(first).endswith("Ali Bagheri Kani")
    assert first.text.startswith("the second step in improving neighborhood policy")


def test_colon_introduced_quote_with_any_verb(run):
    text = 'Sanders delivered a snappy retort: "No one is tearing this up. We will go forward."'
    q = one(run(text), "No one is tearing this up. We will go forward.")
    assert speaker(q) == "Sanders" and q.cue == "delivered"


def test_line_breaks_end_sentences_but_hard_wraps_do_not(nlp):
    doc = nlp(
        "Lawmaker urges retaliation;  \nMember of panel says the U.S. must act.\n"
        "“We will,” he said.\n\nIt was said\nin a wrap."
    )
    starts = [s.text.strip() for s in doc.sents]
    assert "Member of panel says the U.S. must act." in starts
    assert "“We will,” he said." in starts
    assert "It was said\nin a wrap." in starts


def test_a_headline_line_is_not_the_next_lines_content(run):
    quotes = run(
        "Lawmaker urges retaliation on Russia;  \nMember of House panel says the U.S. "
        "has to keep Moscow out of elections.\n\nBody.\n"
    )
    q = one(quotes, "the U.S. has to keep Moscow out of elections", "indirect")
    assert q.cue == "says"


def test_headline_source_and_colon(run):
    # Title Case hides the name from the tagger; a kicker label is nobody's words
    q = one(
        run("Poll: Clinton and Trump in dead heat.\n\nThe race is tight.\n"),
        "Clinton and Trump in dead heat.",
    )
    assert q.kind == "indirect" and speaker(q) == "Poll"
    kicked = run("BREAKING: Trump Campaign Just Made an Announcement.\n\nMore soon.\n")
    assert not [q for q in kicked if q.cue == ":"]


def test_frame_verb_after_quote(run):
    q = one(run("“This is fantastic!” beamed Donald Hartley of Madison."), "This is fantastic!")
    assert speaker(q).startswith("Donald Hartley")


# ------------------------------------------------------------------ speaker resolution


def test_nested_pronoun_cue_credits_outer_source(run):
    text = "Lynch said she recalled the colleague being “confused” at the meeting."
    q = one(run(text), "confused")
    assert speaker(q) == "Lynch" and q.cue == "said"


def test_infinitive_cue_takes_subject_of_its_clause_not_the_name_after(run):
    text = "Trump took to Twitter to accuse Clinton’s campaign of being “duped” by reporters."
    q = one(run(text), "duped")
    assert speaker(q) == "Trump"


def test_participle_cue_takes_subject_of_its_clause(run):
    text = "His aides had choice words, telling O'Reilly that “the moderators are unfair to us.”"
    q = one(run(text), "the moderators are unfair to us.")
    assert speaker(q) == "His aides"


def test_inverted_subject_with_apposition_before_the_verb(run):
    text = (
        "“He's absolutely right. There's a severe disconnect between this White House and the"
        " president,” Flynn, a top Trump surrogate, said Thursday morning on Fox News."
    )
    q = one(
        run(text),
        "He's absolutely right. There's a severe disconnect between this White"
        " House and the president",
    )
    assert speaker(q) == "Flynn"


def test_name_with_apposition_and_adverb_before_the_verb(run):
    text = (
        "In a panel discussion in Washington, Marc H. Morial, the chief executive of the"
        " National Urban League, forcefully told a young woman that “not voting is not a"
        " viable strategy.”"
    )
    q = one(run(text), "not voting is not a viable strategy.")
    assert speaker(q) == "Marc H. Morial"


def test_going_on_to_say_keeps_the_speaker_of_the_report_before(run):
    text = (
        '"It is insane," Sanders said, going on to say that the country has spent "hundreds'
        " of years fighting against racism and sexism and all that stuff, to have that debate"
        ' again, young people do not want to see that."'
    )
    q = [x for x in run(text) if x.kind == "direct" and x.text.startswith("hundreds")]
    assert len(q) == 1 and speaker(q[0]) == "Sanders"


def test_frame_after_comma_quote_with_any_verb(run):
    text = (
        "Parents sent a letter to the board urging them to reconsider.\n"
        "“From Seattle to Houston, we see charter schools offering hope,” the letter reads."
    )
    q = one(run(text), "From Seattle to Houston, we see charter schools offering hope")
    assert speaker(q) == "the letter"


def test_frame_after_exclamation_with_a_long_name(run):
    text = (
        '"This is a big year for our senator, Bobby Scott!" Scott\'s niece, state Del. Marcia'
        ' "Cia" Price (D-Newport News), shouted to the crowd.'
    )
    q = one(run(text), "This is a big year for our senator, Bobby Scott!")
    assert speaker(q) == "Scott's niece"


def test_frame_after_beats_a_cue_word_opening_the_quote(run):
    text = "Both parties “saw Burma as a country under pressure from China,” said Victor Cha."
    q = one(run(text), "saw Burma as a country under pressure from China", "direct")
    assert speaker(q) == "Victor Cha"


def test_partial_quote_in_reported_speech_ignores_the_next_clause(run):
    text = "Mr. Trump said he was “the perfect messenger,” and he reiterated his claim."
    q = one(run(text), "the perfect messenger", "direct")
    assert speaker(q) == "Mr. Trump"


def test_partial_quote_in_reported_speech_keeps_the_cue_before(run):
    text = "Feinstein said she was “shocked by the emails,” she told reporters."
    q = one(run(text), "shocked by the emails", "direct")
    assert speaker(q) == "Feinstein"


def test_transcript_turn_runs_on_over_unlabelled_paragraphs(run):
    text = (
        "In the interview Pence answered questions.\n\n"
        '"WALLACE: Let us start with the debate tonight.\n\n'
        '"PENCE: Well, look, the truth is simple and clear.\n\n'
        '"But the truth is that Donald Trump has a unique way of communicating."'
    )
    tail = "But the truth is that Donald Trump has a unique way of communicating."
    holding = [q for q in run(text) if tail in q.text]
    assert holding and all(speaker(q) == "PENCE" for q in holding)


def test_cue_word_opening_a_quote_needs_what_it_reports(run):
    text = "The report says the company “reports having 987 subsidiaries in tax havens.”"
    q = one(run(text), "reports having 987 subsidiaries in tax havens.", "direct")
    assert speaker(q) == "The report"


def test_cue_word_opening_a_quote_needs_a_subject_outside_quotes(run):
    text = '"That," he added, "promises to make life a lot more difficult for our children."'
    q = one(run(text), "promises to make life a lot more difficult for our children.")
    assert speaker(q) == "he"


def test_coordinated_cue_shares_the_first_verbs_subject_not_the_report_above(run):
    text = (
        "Sheikh Tamim lauded the closeness between Iran and Qatar and expressed his gratitude"
        " for Iran’s diplomatic efforts, IRNA reported."
    )
    q = one(run(text), "his gratitude for Iran’s diplomatic efforts", "indirect")
    assert speaker(q) == "Sheikh Tamim"


@pytest.mark.parametrize(
    "text",
    ["“We will win,” said <b>Smith</b>.", "“We will win,” <b>Smith</b> said."],
)
def test_markup_tag_is_never_the_speaker(run, text):
    q = one(run(text), "We will win")
    assert speaker(q) == "Smith"


def test_speaker_that_is_only_markup_is_none(run):
    q = one(run("“We will win,” said <b></b>."), "We will win")
    assert speaker(q) is None


@pytest.mark.parametrize(
    "text, quote, who",
    [
        (
            "As Ms. Simonyan put it in a statement in July, RT is “providing a perspective you"
            " won't get from the mainstream press.”",
            "providing a perspective you won't get from the mainstream press.",
            "Ms. Simonyan",
        ),
        (
            "Members of Congress echo her concerns, because the requirement is a “lawful source"
            " of investment income,” as a Homeland Security memo put it.",
            "lawful source of investment income",
            "a Homeland Security memo",
        ),
    ],
)
def test_as_someone_put_it(run, text, quote, who):
    assert speaker(one(run(text), quote)) == who


def test_passive_cue_credits_its_agent(run):
    text = "The plan was described by Senator Warren as “a giveaway to the banks.”"
    q = one(run(text), "a giveaway to the banks.")
    assert speaker(q) == "Senator Warren"


def test_line_of_quotes_signed_at_its_end(run):
    text = (
        "Readers wrote in.\n"
        "“I’d rather live in what he calls “hell” than live in a world where he is"
        " president.” ―\u00a0Adriana Rodarte\n"
        "“He is someone else entirely.” ― Veronica Cruz\n"
    )
    q = one(run(text), "I’d rather live in what he calls")
    assert speaker(q) == "Adriana Rodarte"


# ------------------------------------------------------------------ attribution content


def test_stance_verb_reports_its_object_and_what_follows(run):
    text = "Clinton blasted Trump for his comments about women during the debate."
    q = one(run(text), "Trump for his comments about women during the debate", "indirect")
    assert speaker(q) == "Clinton" and q.cue == "blasted"


def test_infinitive_of_a_stance_verb_is_the_content(run):
    q = one(run("The Supreme Court declined to step into the fray."), "to step into the fray")
    assert speaker(q) == "The Supreme Court"


def test_when_and_where_it_was_said_is_not_content(run):
    text = "The parents urged more school investment in a statement on Thursday."
    one(run(text), "more school investment", "indirect")


def test_a_second_report_is_cut_from_the_first(run):
    text = (
        "She said the country would declare its intention by March and suggested that it "
        "would leave the single market."
    )
    quotes = run(text)
    one(quotes, "the country would declare its intention by March", "indirect")
    q = one(quotes, "it would leave the single market", "indirect")
    assert q.cue == "suggested"


def test_a_contrasting_report_is_cut_from_the_first(run):
    text = (
        "Lynch said the demands of government work sometimes erase the barriers women face, "
        "though she noted clients are beginning to demand diverse legal teams."
    )
    quotes = run(text)
    one(quotes, "the demands of government work sometimes erase the barriers women face")
    assert one(quotes, "clients are beginning to demand diverse legal teams").cue == "noted"


def test_a_clause_the_parse_cut_in_two_is_one_content(run):
    text = (
        "Federal investigators have also discovered that attempts to infiltrate the program "
        "were made by people with possible ties to Chinese intelligence."
    )
    q = one(run(text), text[text.index("attempts") : -1], "indirect")
    assert q.cue == "discovered" and speaker(q) == "Federal investigators"


def test_a_hedged_proposition_is_the_whole_clause_held_by_nobody(run):
    # ``X seems to …``: X holds no view; ``he appeared to suggest …``: he does
    text = "The lack of enthusiasm among black voters seems to be a real issue for her campaign."
    q = one(run(text), text[:-1], "indirect")
    assert q.cue == "seems" and q.speaker is None
    text = "About one of every nine voters this fall is expected to be Latino."
    assert one(run(text), text[:-1], "indirect").speaker is None
    q = one(
        run("He appeared to suggest that the veterans were weak."),
        "He appeared to suggest that the veterans were weak",
        "indirect",
    )
    assert speaker(q) == "He"


def test_a_stance_whose_object_holds_a_quote_reports_the_whole_object(run):
    text = (
        "The party rules give the chair of the committee authority to call a “special "
        "meeting” to vote on a new nominee."
    )
    q = one(run(text), "a “special meeting” to vote on a new nominee", "indirect")
    assert q.cue == "call"


def test_the_that_clause_after_the_cue_is_the_content(run):
    text = (
        "Writing for a newspaper panel that all agreed Pence won the debate, Mark Barabak "
        "noted that the way Pence carried himself was critical to his success."
    )
    q = one(run(text), "the way Pence carried himself was critical to his success", "indirect")
    assert q.cue == "noted" and speaker(q) == "Mark Barabak"


def test_a_trailing_who_or_which_clause_is_the_writers_aside(run):
    text = (
        "Fowler said he expects Clinton to fully recover from her bout with pneumonia, "
        "which forced her to leave a memorial event early."
    )
    q = one(run(text), "he expects Clinton to fully recover from her bout with pneumonia")
    assert q.cue == "said" and speaker(q) == "Fowler"


def test_a_quote_right_after_the_report_is_part_of_it(run):
    quotes = run('Trump asked the crowd to welcome the governor - "my new best friend."')
    q = one(quotes, 'to welcome the governor - "my new best friend.', "indirect")
    assert q.cue == "asked" and speaker(q) == "Trump"
    # a sentence's end is where the report stops
    quotes = run('Trump asked the crowd to welcome the governor. "He is my new best friend."')
    one(quotes, "to welcome the governor", "indirect")


def test_a_one_word_report_must_name_something(run):
    q = one(run("The Flight Attendants union endorses Clinton."), "Clinton", "indirect")
    assert q.cue == "endorses" and speaker(q) == "The Flight Attendants union"
    assert not [q for q in run("The union endorsed him.") if q.kind == "indirect"]
    # a noun's argument alone is too thin to show as anybody's words
    quotes = run("Military attacks against Gaza continued overnight, the ministry said.")
    assert not [q for q in quotes if q.text == "Gaza"]


def test_a_gerund_after_a_cue_is_its_content(run):
    q = one(
        run("Trump has admitted using the tax code to his advantage."),
        "using the tax code to his advantage",
        "indirect",
    )
    assert q.cue == "admitted" and speaker(q) == "Trump"


def test_a_subject_after_the_clause_does_not_swallow_it(run):
    # the participle borrows the main clause's subject, which comes after its content
    text = "After saying he was nervous to ask a question, the man joined the governor."
    q = one(run(text), "he was nervous to ask a question", "indirect")
    assert q.cue == "saying" and speaker(q) == "the man"


def test_a_relative_clause_with_its_own_report_is_cut_from_the_first(run):
    quotes = run("Ted Cruz endorses Donald Trump, who says he is honored.")
    assert not [q for q in quotes if "who says" in q.text]
    q = one(quotes, "he is honored", "indirect")
    assert q.cue == "says" and speaker(q) == "Donald Trump"


def test_noun_with_a_that_clause_is_a_report_by_its_possessor(run):
    text = "Politifact checked Trump’s claim that there were thousands of shootings in Chicago."
    q = one(run(text), "there were thousands of shootings in Chicago", "indirect")
    assert speaker(q) == "Trump" and q.cue == "claim"


def test_the_fact_that_is_nobody_s_report(run):
    text = "The fact that the talks failed surprised nobody in the capital."
    assert not [q for q in run(text) if "talks failed" in q.text]


def test_a_report_inside_reported_words_is_part_of_it(run):
    quotes = run("She said she thinks America is strongest when people work together.")
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert [q.text for q in indirect] == [
        "she thinks America is strongest when people work together"
    ]
    assert speaker(indirect[0]) == "She"


def test_a_named_source_inside_a_report_keeps_its_own(run):
    text = "IRNA reported that Sheikh Tamim expressed his gratitude for the efforts."
    q = one(run(text), "his gratitude for the efforts", "indirect")
    assert "Tamim" in speaker(q)


def test_a_named_source_inside_its_own_report_is_one_report(run):
    # the inner stance hangs on the same subject: one decision, not two attributions
    quotes = run("Comey decided not to recommend charges against Clinton or her aides.")
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert [q.text for q in indirect] == ["not to recommend charges against Clinton or her aides"]
    assert speaker(indirect[0]) == "Comey"


def test_what_a_speech_verb_is_about_is_its_content(run):
    text = "Trump often bragged about his prowess in the primary debates."
    q = one(run(text), "his prowess in the primary debates", "indirect")
    assert speaker(q) == "Trump"


def test_object_of_a_speech_verb_is_its_content_unless_it_is_the_addressee(run):
    q = one(run("He claimed vast wealth in the interview."), "vast wealth", "indirect")
    assert speaker(q) == "He"
    assert not [q for q in run("She told reporters nothing new.") if q.kind == "indirect"]


def test_any_verb_with_a_that_clause_states_its_subject_s_view(run):
    text = "Environmentalists worry that the cost could fall to West Virginia taxpayers."
    q = one(run(text), "the cost could fall to West Virginia taxpayers", "indirect")
    assert speaker(q) == "Environmentalists"
    assert not [q for q in run("It means that the cost could fall to taxpayers.")]


def test_a_one_word_term_in_a_list_of_quoted_words_is_quoted_too(run):
    text = (
        "The two men spent months lobbing pointed insults at one another. Cruz called Trump "
        'a "pathological liar" who is "utterly amoral," a "serial philanderer," a "bully" and '
        'a "narcissist at a level I don\'t think this country has ever seen."\n'
    )
    bully = one(run(text), "bully", "direct")
    assert speaker(bully) == "Cruz"
    text = (
        "PolitiFact rated 32% of Republican claims as “false” or “pants on fire,” compared "
        "to 11% of Democratic claims.\n"
    )
    assert speaker(one(run(text), "false", "direct")) == "PolitiFact"


def test_infinitives_hung_on_the_cue_are_one_wish(run):
    # the parse hangs ``grow`` and ``create`` on ``wants``, not on ``triple``
    text = (
        "Clinton wants to triple the size of the AmeriCorps program, grow the Peace Corps "
        "and create a new national service reserve program."
    )
    q = one(
        run(text),
        "to triple the size of the AmeriCorps program, grow the Peace Corps "
        "and create a new national service reserve program",
        "indirect",
    )
    assert speaker(q) == "Clinton"
