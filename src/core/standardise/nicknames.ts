/**
 * Common English nicknames and short forms, as data: each group is a formal given name and the
 * forms written for it. A name may sit in several groups (FRED: Alfred, Frederick, Wilfred), and
 * two names are nickname-equivalent when they share a group. Ambiguous short forms (ALEX, SAM,
 * CHRIS…) join every group they abbreviate.
 *
 * Source: compiled by hand for this project from widely documented English short forms, as
 * listed in P. Hanks, K. Hardcastle & F. Hodges, "A Dictionary of First Names" (Oxford
 * University Press, 2nd ed. 2006) and Wikipedia's "List of English-language hypocorisms"
 * (CC BY-SA); no table was copied. Extend it by adding groups below.
 */
const GROUPS: Record<string, readonly string[]> = {
  ABIGAIL: ['ABBY', 'ABBIE', 'ABI', 'GAIL'],
  ALEXANDER: ['ALEX', 'ALEXANDRA', 'ALEXANDRIA', 'ALI', 'ALLY', 'SANDY', 'SANDRA', 'XANDER', 'LEXI', 'LEXIE'],
  ALFRED: ['ALF', 'ALFIE', 'FRED'],
  ANDREW: ['ANDY', 'DREW'],
  ANTHONY: ['TONY', 'ANT', 'ANTONY'],
  BARBARA: ['BABS', 'BARB', 'BARBIE'],
  BENJAMIN: ['BEN', 'BENNY', 'BENJI', 'BENNIE'],
  CATHERINE: ['CATH', 'CATHY', 'KATE', 'KATIE', 'KATY', 'KAT', 'KATHERINE', 'KATHRYN', 'KATHLEEN', 'KATHY', 'KITTY', 'CAT', 'CATRIONA'],
  CHARLES: ['CHARLIE', 'CHAS', 'CHUCK', 'CHARLEY'],
  CHARLOTTE: ['LOTTIE', 'LOTTE', 'CHARLY'],
  CHRISTOPHER: ['CHRIS', 'KIT', 'TOPHER', 'CHRISTINE', 'CHRISTINA', 'CHRISSY', 'TINA', 'KRISTINA', 'KRISTOPHER'],
  DANIEL: ['DAN', 'DANNY', 'DANI', 'DANIELLE', 'DANIELA'],
  DAVID: ['DAVE', 'DAVY', 'DAVIE'],
  DEBORAH: ['DEBBIE', 'DEB', 'DEBBY', 'DEBRA'],
  DOMINIC: ['DOM'],
  DONALD: ['DON', 'DONNY'],
  DOROTHY: ['DOT', 'DOTTIE', 'DOLLY'],
  EDWARD: ['ED', 'EDDIE', 'EDDY', 'NED', 'TED', 'TEDDY', 'EDMUND', 'EDWIN'],
  ELEANOR: ['ELLIE', 'ELLY', 'NELL', 'NELLIE', 'ELLA', 'ELENA', 'HELEN', 'HELENA', 'LEONORA'],
  ELIZABETH: ['LIZ', 'LIZZIE', 'LIZZY', 'BETH', 'BETTY', 'BETSY', 'ELISE', 'ELIZA', 'ELSIE', 'LIBBY', 'LISA', 'ELSA', 'BESS', 'BESSIE', 'LIZA'],
  EMILY: ['EM', 'EMMIE', 'MILLIE'],
  FRANCIS: ['FRAN', 'FRANK', 'FRANKIE', 'FRANCES', 'FRANCESCA', 'FRANKLIN'],
  GABRIEL: ['GABE', 'GABBY', 'GABRIELLE', 'GABRIELLA'],
  GEOFFREY: ['GEOFF', 'JEFF', 'JEFFREY'],
  GEORGE: ['GEORDIE', 'GEORGIE', 'GEORGIA', 'GEORGINA'],
  GERALD: ['GERRY', 'JERRY', 'GER'],
  GREGORY: ['GREG', 'GREGG'],
  HARRY: ['HAL', 'HARRI', 'HENRY', 'HANK'],
  ISABEL: ['ISABELLE', 'ISABELLA', 'IZZY', 'IZZIE', 'BELLA', 'ISOBEL', 'ISSY', 'BELLE'],
  JACOB: ['JAKE', 'JAKOB'],
  JAMES: ['JIM', 'JIMMY', 'JIMMIE', 'JAMIE', 'JAY', 'JIMBO'],
  JANET: ['JAN', 'JANE', 'JANEY', 'JANIE', 'JANICE'],
  JENNIFER: ['JEN', 'JENNY', 'JENNI', 'JENNIE'],
  JESSICA: ['JESS', 'JESSIE'],
  JOHN: ['JACK', 'JOHNNY', 'JOHNNIE', 'JON', 'JONNY', 'JONATHAN', 'JONATHON', 'JOHNATHAN', 'IAN', 'SEAN', 'SHAUN', 'SHAWN', 'EOIN'],
  JOSEPH: ['JOE', 'JOEY', 'JOSE', 'JOSEPHINE', 'JO', 'JOSIE'],
  JOSHUA: ['JOSH'],
  JUDITH: ['JUDY', 'JUDE', 'JUDI'],
  KENNETH: ['KEN', 'KENNY'],
  LAWRENCE: ['LAURENCE', 'LARRY', 'LAURIE', 'LAURA', 'LAUREN', 'LORRAINE'],
  LEONARD: ['LEN', 'LENNY', 'LEO', 'LEON'],
  LOUIS: ['LOU', 'LOUIE', 'LEWIS', 'LOUISE', 'LOUISA', 'LULU'],
  MARGARET: ['MAGGIE', 'MAG', 'MEG', 'MEGAN', 'PEGGY', 'PEG', 'MARGE', 'MARGIE', 'MADGE', 'MAISIE', 'GRETA', 'MARJORIE', 'DAISY', 'RITA'],
  MARY: ['MAE', 'MAY', 'MOLLY', 'MOLLIE', 'POLLY', 'MARIE', 'MARIA', 'MARIAH', 'MAUREEN', 'MIA', 'MINNIE'],
  MATTHEW: ['MATT', 'MATTY', 'MATHEW'],
  MICHAEL: ['MIKE', 'MICKY', 'MICKEY', 'MICK', 'MIKEY', 'MITCH', 'MICHELLE', 'SHELLEY'],
  NATHANIEL: ['NATE', 'NAT', 'NATHAN', 'NATHANAEL', 'NATALIE', 'NATASHA', 'TASHA'],
  NICHOLAS: ['NICK', 'NICKY', 'NICKI', 'NIKKI', 'NICOLA', 'NICOLE', 'NICO', 'COLIN'],
  OLIVER: ['OLLIE', 'OLLY', 'OLIVIA', 'LIV', 'LIVVY', 'NOLL'],
  PATRICK: ['PAT', 'PADDY', 'PATSY', 'PATRICIA', 'TRISH', 'TRICIA', 'PATTY', 'PATTIE'],
  PETER: ['PETE', 'PETEY'],
  PHILIP: ['PHIL', 'PHILLIP', 'PIP', 'PIPPA', 'PHILIPPA', 'PHILLIPA'],
  RAYMOND: ['RAY'],
  REBECCA: ['BECKY', 'BECCA', 'BEX', 'BECKI', 'REBEKAH'],
  RICHARD: ['RICH', 'RICHIE', 'RICK', 'RICKY', 'DICK', 'DICKIE', 'RICKIE'],
  ROBERT: ['ROB', 'ROBBIE', 'ROBBY', 'BOB', 'BOBBY', 'BERT', 'ROBERTA', 'ROBIN', 'ROBYN'],
  RONALD: ['RON', 'RONNIE', 'RONNY', 'VERONICA'],
  SAMUEL: ['SAM', 'SAMMY', 'SAMMIE', 'SAMANTHA', 'SAMMI'],
  SARAH: ['SARA', 'SALLY', 'SADIE', 'SAL'],
  STEPHEN: ['STEVE', 'STEVEN', 'STEVIE', 'STEPH', 'STEPHANIE', 'STEFAN', 'STEFFI'],
  SUSAN: ['SUE', 'SUSIE', 'SUZY', 'SUZANNE', 'SUSANNAH', 'SUSANNA', 'SUKIE'],
  THEODORE: ['THEO', 'TEDDIE', 'THEA'],
  THOMAS: ['TOM', 'TOMMY', 'TOMMIE', 'THOM'],
  TIMOTHY: ['TIM', 'TIMMY'],
  VICTORIA: ['VICKY', 'VICKI', 'VICKIE', 'TORI', 'TORY', 'VIC', 'VICTOR'],
  WILLIAM: ['BILL', 'BILLY', 'BILLIE', 'WILL', 'WILLIE', 'WILLY', 'LIAM', 'WILF', 'WILFRED'],
  ZACHARY: ['ZACH', 'ZAC', 'ZACK', 'ZAK'],
  ALBERT: ['AL', 'BERT', 'BERTIE'],
  ALAN: ['AL', 'ALLAN', 'ALLEN'],
  ALICE: ['ALI', 'ALLIE', 'ALLY'],
  AMANDA: ['MANDY', 'MANDA'],
  ANNE: ['ANN', 'ANNA', 'ANNIE', 'NAN', 'NANCY', 'ANNETTE'],
  ARTHUR: ['ART', 'ARTIE'],
  BERNARD: ['BERNIE', 'BERN'],
  BRADLEY: ['BRAD'],
  CALLUM: ['CAL', 'CALUM'],
  CAMERON: ['CAM'],
  CAROLINE: ['CAROL', 'CAROLE', 'CARRIE', 'CARO', 'CAROLYN'],
  CHRISTINE: ['CHRIS', 'CHRISSIE', 'CHRISSY', 'TINA', 'KIRSTY', 'KRISTINE', 'CHRISTINA', 'KRISTINA'],
  CLIFFORD: ['CLIFF'],
  CYNTHIA: ['CINDY'],
  DENNIS: ['DEN', 'DENNY'],
  DEREK: ['DEL', 'DEZ'],
  DOUGLAS: ['DOUG', 'DOUGIE'],
  EUGENE: ['GENE'],
  FELICITY: ['FLISS'],
  FREDERICK: ['FRED', 'FREDDIE', 'FREDDY', 'FRITZ'],
  GILBERT: ['GIL', 'BERT'],
  GWENDOLINE: ['GWEN', 'GWENDOLYN'],
  HAROLD: ['HAL', 'HARRY'],
  HARRIET: ['HATTIE', 'HARRIE'],
  HERBERT: ['HERB', 'BERT'],
  HUGH: ['HUGHIE'],
  JACQUELINE: ['JACKIE', 'JACQUI', 'JACKY'],
  JEREMY: ['JEZ', 'JERRY'],
  JOANNE: ['JO', 'JOANNA', 'JOAN'],
  JONATHAN: ['JON', 'JONNY', 'JONTY', 'JONATHON', 'JOHNATHAN'],
  JULIA: ['JULIE', 'JULES'],
  KIMBERLEY: ['KIM', 'KIMBERLY'],
  LESLIE: ['LES', 'LESLEY'],
  MALCOLM: ['MAL'],
  MATILDA: ['TILLY', 'TILLIE', 'MATTIE', 'TILDA'],
  MAXWELL: ['MAX'],
  MAXIMILIAN: ['MAX'],
  MELANIE: ['MEL'],
  MELISSA: ['MEL', 'MISSY'],
  NORMAN: ['NORM'],
  PAMELA: ['PAM'],
  PENELOPE: ['PENNY'],
  REGINALD: ['REG', 'REGGIE'],
  RUSSELL: ['RUSS'],
  SIMON: ['SI'],
  STANLEY: ['STAN'],
  STUART: ['STU', 'STEWART'],
  TERENCE: ['TERRY', 'TEL'],
  THERESA: ['TERESA', 'TESS', 'TESSA', 'TERRI'],
  TOBIAS: ['TOBY'],
  VALERIE: ['VAL'],
  VINCENT: ['VINCE', 'VIN'],
  WALTER: ['WALT', 'WALLY'],
  WILFRED: ['WILF', 'FRED', 'FREDDIE'],
  WINIFRED: ['WINNIE', 'FREDA', 'WIN'],
  YVONNE: ['VONNIE'],
};

/** Folded given name → the ids of every group it belongs to (a formal name is in its own group). */
const MEMBERSHIP: ReadonlyMap<string, readonly number[]> = (() => {
  const m = new Map<string, number[]>();
  Object.entries(GROUPS).forEach(([formal, forms], g) => {
    for (const name of [formal, ...forms]) {
      const list = m.get(name) ?? [];
      if (!list.includes(g)) list.push(g);
      m.set(name, list);
    }
  });
  return m;
})();

const FORMAL = Object.keys(GROUPS);

/** The nickname groups (by formal name) a folded given name belongs to; empty when none. */
export function nicknameGroups(folded: string): readonly string[] {
  return (MEMBERSHIP.get(folded) ?? []).map((g) => FORMAL[g]);
}

/** One canonical form for blocking: the formal name of its first group, else the name itself. */
export function nicknameCanonical(folded: string): string {
  const g = MEMBERSHIP.get(folded);
  return g ? FORMAL[g[0]] : folded;
}

/** True when two folded given names are nickname-equivalent (share a group). */
export function areNicknames(a: string, b: string): boolean {
  const ga = MEMBERSHIP.get(a), gb = MEMBERSHIP.get(b);
  return !!ga && !!gb && ga.some((g) => gb.includes(g));
}
