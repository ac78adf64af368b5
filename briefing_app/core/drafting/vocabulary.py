"""The words news writing attributes speech with: verbs, titles, bodies, states.

Plain data, kept apart from the rules that use it so either can be read alone.
Everything is lowercase; callers compare ``word.lower()``.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that report words (past, present, -ing): "said", "told", "calling", ...
SPEECH_VERBS = _words(
    """
    said says say told tells added adds warned warns called calls accused accuses urged
    urges declared declares wrote writes stated states insisted insists argued argues
    noted notes explained explains asked asks replied replies responded responds
    announced announces described describes demanded demands pledged pledges vowed vows
    promised promises claimed claims suggested suggests reaffirmed reaffirms reiterated
    reiterates echoed echoes thanked welcomed welcomes condemned condemns criticised
    criticized criticises criticizes praised praises acknowledged acknowledges admitted
    admits conceded concedes stressed stresses recalled recalls predicted predicts
    cautioned cautions complained complains tweeted posted charged charges countered
    counters maintained maintains contended contends announced observed remarked
    branded labelled labeled dismissed dismisses denounced denounces blamed blames
    saying telling adding warning calling accusing urging declaring writing stating
    insisting arguing noting explaining asking replying responding announcing describing
    demanding pledging vowing promising claiming suggesting reaffirming reiterating
    echoing thanking welcoming condemning criticising criticizing praising
    acknowledging admitting conceding stressing recalling predicting cautioning
    complaining charging countering maintaining contending observing remarking
    branding labelling labeling dismissing denouncing blaming
    """
)
# Verbs whose subject is the sentence's subject, not a phrase just before them.
PARTICIPLES = frozenset(v for v in SPEECH_VERBS if v.endswith("ing"))
# Words between a speaker and the verb: "has publicly reaffirmed", "later told".
AUXILIARIES = _words(
    """
    has have had is was were will would could should did does do may might must also
    then later again not never already once earlier still repeatedly separately
    """
)
# Titles and roles, and the words that modify them: "mission director", "fire chief".
ROLES = _words(
    """
    president prime minister ministers secretary ambassador spokesperson spokesman
    spokeswoman spokespeople deputy chief governor mayor senator representative
    director chairman chairwoman chair chancellor general commissioner envoy special
    leader head member executive officer ceo cfo coo founder owner manager coach captain
    judge justice prosecutor attorney lawyer counsel adviser advisor analyst economist
    strategist professor researcher scientist expert official officer resident organiser
    organizer spokesperson editor reporter correspondent candidate lawmaker legislator
    congressman congresswoman mp diplomat negotiator inspector commander admiral colonel
    sergeant lieutenant superintendent chairperson treasurer auditor administrator
    vice acting interim former senior junior assistant associate principal regional
    national federal state city county district local foreign defense defence finance
    transport trade commerce interior health education energy environment justice labour
    labor police fire press communications mission race campaign union party opposition
    council board company club team top royal
    pilot voter passenger witness neighbour neighbor student parent teacher worker farmer
    nurse doctor driver shopkeeper protester protestor fan businessman businesswoman
    entrepreneur activist historian spokesman source veteran survivor victim
    """
)
# Heads of names of bodies: "the health ministry", "the White House", "Police".
INSTITUTION_HEADS = _words(
    """
    ministry ministries department office authority authorities commission council
    delegation service services police government agency company firm bank union court
    parliament committee embassy military army navy guard administration house cabinet
    team group board federation organization organisation party campaign coalition
    alliance forces regulator watchdog institute association club league network
    university school hospital consulate secretariat bureau directorate inc ltd corp
    """
)
# Speakers named as a group: "Critics said", "officials said".
GROUPS = _words(
    """
    critics analysts officials experts observers residents protesters protestors
    organisers organizers lawmakers legislators investigators economists scientists
    researchers doctors teachers parents voters supporters opponents activists
    diplomats sources witnesses prosecutors officers authorities police
    """
)
PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "group", "we": "group"}
DETERMINERS = _words("the a an one his her its their our this that these those")
CONNECTORS = _words("of for to and de van von der al bin da du la le")
# Clause openers that are never part of a speaker's name.
INTRO_WORDS = _words(
    """
    in on at after before during later earlier meanwhile but and however still yet asked
    speaking against following despite with for under since also when while as if so
    though although because by from then now today yesterday separately elsewhere
    """
)
RELATIVE = _words("who which whose whom where that")
# Words that open a clause but never name a speaker: "Nobody knows who wrote ...".
NOT_SPEAKERS = _words(
    "nobody everyone everybody someone somebody anyone anybody this that these those there "
    "here what who which it's"
)
HONORIFICS = _words("dr dr. mr mr. mrs mrs. ms ms. prof prof. sir dame")
SMALL_WORDS = _words("of the and for to in on a an at by with or as from")
# Capitalised words that end a name of a thing, never of a person.
NOT_PERSON_ENDINGS = _words(
    """
    press times post news journal herald tribune agency sea ocean park street road
    avenue square bridge river lake mountain islands island strait gulf bay university
    college school hospital general united city county state states nations capital
    group bank fund party union council committee ministry department office house
    court square centre center station airport port day week month year monday tuesday
    wednesday thursday friday saturday sunday january february march april may june
    july august september october november december
    """
)
STATES = {
    "china": "China",
    "beijing": "China",
    "japan": "Japan",
    "tokyo": "Japan",
    "united states": "United States",
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "america": "United States",
    "washington": "United States",
    "u.k.": "United Kingdom",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "london": "United Kingdom",
    "russia": "Russia",
    "moscow": "Russia",
    "ukraine": "Ukraine",
    "kyiv": "Ukraine",
    "india": "India",
    "new delhi": "India",
    "south korea": "South Korea",
    "seoul": "South Korea",
    "north korea": "North Korea",
    "pyongyang": "North Korea",
    "taiwan": "Taiwan",
    "taipei": "Taiwan",
    "france": "France",
    "paris": "France",
    "germany": "Germany",
    "berlin": "Germany",
    "iran": "Iran",
    "tehran": "Iran",
    "israel": "Israel",
    "turkey": "Turkey",
    "ankara": "Turkey",
    "brazil": "Brazil",
    "canada": "Canada",
    "ottawa": "Canada",
    "australia": "Australia",
    "canberra": "Australia",
    "mexico": "Mexico",
    "italy": "Italy",
    "rome": "Italy",
    "spain": "Spain",
    "madrid": "Spain",
    "poland": "Poland",
    "warsaw": "Poland",
    "philippines": "Philippines",
    "manila": "Philippines",
    "vietnam": "Vietnam",
    "hanoi": "Vietnam",
    "indonesia": "Indonesia",
    "jakarta": "Indonesia",
    "pakistan": "Pakistan",
    "islamabad": "Pakistan",
    "egypt": "Egypt",
    "cairo": "Egypt",
    "saudi arabia": "Saudi Arabia",
    "riyadh": "Saudi Arabia",
    "south africa": "South Africa",
    "nigeria": "Nigeria",
}
ADJECTIVES = {
    "chinese": "China",
    "japanese": "Japan",
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "british": "United Kingdom",
    "russian": "Russia",
    "ukrainian": "Ukraine",
    "indian": "India",
    "korean": "South Korea",
    "south korean": "South Korea",
    "north korean": "North Korea",
    "taiwanese": "Taiwan",
    "french": "France",
    "german": "Germany",
    "iranian": "Iran",
    "israeli": "Israel",
    "turkish": "Turkey",
    "brazilian": "Brazil",
    "canadian": "Canada",
    "australian": "Australia",
    "mexican": "Mexico",
    "italian": "Italy",
    "spanish": "Spain",
    "polish": "Poland",
    "philippine": "Philippines",
    "vietnamese": "Vietnam",
    "indonesian": "Indonesia",
    "pakistani": "Pakistan",
    "egyptian": "Egypt",
    "saudi": "Saudi Arabia",
    "nigerian": "Nigeria",
    "european": "European Union",
}
# Words before a quoted label: the so-called "green lane", a plan dubbed "Spring".
LABEL_CUES = (
    "so-called",
    "so called",
    "dubbed",
    "known as",
    "nicknamed",
    "branded",
    "labelled",
    "labeled",
    "titled",
    "entitled",
    "named",
    "termed",
    "the word",
    "the term",
    "the phrase",
    "the slogan",
    "slogan",
    "reading",
    "read",
    "the motto",
    "hashtag",
)
# Nouns after a quoted name: its "One China" policy, the "Clear Skies" programme.
LABEL_NOUNS = _words(
    """
    policy policies plan plans programme program programs initiative operation strategy
    doctrine law act bill framework protocol zone lane corridor campaign project deal
    accord agreement principle model approach rule rules list agenda movement party
    scheme slogan motto hashtag brand label summit forum settings feature
    """
)
ABBREVIATIONS = _words(
    """
    mr mrs ms dr st no gov sen rep gen lt col capt sgt prof jr sr inc ltd co corp vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft
    """
)
