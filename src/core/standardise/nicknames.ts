/**
 * Common English nicknames and short forms → one canonical given name, as data. A name maps to
 * the most usual formal name; names that are themselves formal map to themselves implicitly.
 * Ambiguous short forms (ALEX, SAM, CHRIS…) map to one representative so that both formal
 * names they abbreviate meet at the same canonical key: "Alex"~"Alexander" and "Alex"~"Alexandra"
 * both agree at the nickname level, which is what a reviewer would expect.
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
  FREDERICK: ['FREDDIE', 'FREDDY'],
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
};

const TABLE: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [canonical, forms] of Object.entries(GROUPS)) {
    for (const f of forms) if (!m.has(f)) m.set(f, canonical);
  }
  return m;
})();

/** The canonical form of a folded given name (itself when it is not a known short form). */
export function nicknameCanonical(folded: string): string {
  return TABLE.get(folded) ?? folded;
}
