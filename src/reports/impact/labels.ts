import type { CohortStatus, Hidden, MembershipStatusName, OutcomeCategory, Shown, Stage } from "./model.ts";

/** How a hidden figure reads (see impact-small-numbers.ts). */
const HIDDEN: Record<Hidden, string> = { small: "< 5", complement: "s" };
/** A figure in a sentence, and whether its noun takes the plural ("< 5" does: it may be several). */
const num = (n: Shown) => (typeof n === "number" ? String(n) : HIDDEN[n]);
const many = (n: Shown) => typeof n !== "number" || n > 1;

/** Every label of the page. */
export const LABELS = {
  lang: "fr",
  title: "Rapport d’impact",
  organisation: "Migracoop — coopératives éphémères",
  scopeAll: "Ensemble du programme",
  scopeCohort: "Cohorte",
  generatedOn: "Généré le",
  personalData:
    "Ce document contient des données personnelles (prénoms et résultats individuels). Il est réservé à l’équipe de Migracoop : ne pas le transmettre ni le publier.",
  anonymous: "Document anonyme : chiffres agrégés, sans nom ni coordonnées.",
  hidden: HIDDEN,
  hiddenLegend:
    "« < 5 » : chiffre portant sur moins de 5 personnes, masqué pour qu’on ne puisse pas les reconnaître. « s » : chiffre masqué pour qu’un « < 5 » ne puisse pas être retrouvé par soustraction.",
  headline: "Chiffres clés",
  peopleSupported: "personnes accompagnées",
  peopleSupportedDetail: (active: Shown, alumni: Shown, left: Shown) =>
    [
      active ? `${num(active)} en cours` : "",
      alumni ? `${num(alumni)} diplômée${many(alumni) ? "s" : ""}` : "",
      left ? `${num(left)} sortie${many(left) ? "s" : ""} en cours de route` : "",
    ]
      .filter(Boolean)
      .join(" · "),
  applicants: "candidatures reçues",
  cohort: "cohorte",
  cohorts: "cohortes",
  cohortsDetail: (ended: number, running: number, upcoming: number) =>
    [`${ended} terminée${ended > 1 ? "s" : ""}`, `${running} en cours`, ...(upcoming ? [`${upcoming} à venir`] : [])].join(" · "),
  sessionsHeld: "sessions de formation tenues",
  attendanceRate: "taux de présence",
  attendanceDetail: (present: number, recorded: number) => `${present} présences sur ${recorded} relevées`,
  rsvpDetail: (rate: string) => `prévision (réponses « oui ») : ${rate}`,
  sales: "de ventes déclarées",
  salesDetail: (expenses: string) => `dépenses déclarées : ${expenses}`,
  sellers: "entrepreneur·es ont déclaré des ventes",
  businesses: "micro-entreprises créées",
  associations: "associations créées",
  askedForHelp: "personnes ont demandé de l’aide après le programme",
  outcomesHeadline: (offset: string, rate: string, answered: Shown, sent: Shown) =>
    sent === 0
      ? `Suivi à ${offset} : pas encore de questionnaire envoyé`
      : `Suivi à ${offset} : ${num(answered)} réponse${many(answered) ? "s" : ""} sur ${num(sent)} questionnaire${many(sent) ? "s" : ""} envoyé${many(sent) ? "s" : ""} (taux de réponse ${rate})`,
  answers: (n: Shown) => `${num(n)} réponse${many(n) ? "s" : ""}`,
  /** "P6M" → "6 mois" */
  offset: (iso: string) => {
    const m = /^P(\d+)([MYWD])$/.exec(iso);
    if (!m) return iso;
    const n = Number(m[1]);
    return `${n} ${{ M: "mois", Y: n > 1 ? "ans" : "an", W: n > 1 ? "semaines" : "semaine", D: n > 1 ? "jours" : "jour" }[m[2] as "M" | "Y" | "W" | "D"]}`;
  },
  charts: {
    salesByMonth: "Ventes et dépenses déclarées par mois",
    salesByMonthNote: "Montants déclarés par les entrepreneur·es au bot (ventes annulées exclues), en euros.",
    attendance: "Présence aux sessions, par cohorte",
    attendanceNote: "Présence réelle (relevée par les coordinatrices) et prévision (réponses « oui » aux rappels).",
    outcomes: "Situation des ancien·nes participant·es à 6 et 12 mois",
    outcomesNote: "Réponses aux questionnaires de suivi envoyés 6 et 12 mois après la fin de chaque cohorte.",
    stages: "Personnes par étape du parcours",
    stagesNote: "Où en est aujourd’hui chaque personne ayant contacté le bot (premier contact, candidature, cohorte, après la cohorte).",
    stagesNoteCohort: "Où en sont aujourd’hui les membres et candidat·es de la cohorte.",
    members: "Participant·es par cohorte",
    hiddenNote: "Les chiffres portant sur moins de 5 personnes (« < 5 », « s ») ne sont pas dessinés.",
    allHidden: "Pas de graphique : tous ses chiffres sont masqués (« < 5 » ou « s », voir « Méthode »).",
  },
  series: { sales: "Ventes", expenses: "Dépenses", attendance: "Présence réelle", rsvp: "Prévision (RSVP « oui »)" },
  outcomes: {
    micro_enterprise: "Micro-entreprise",
    association: "Association",
    collective: "Collectif",
    referred: "Orientée vers un partenaire",
    preparing: "En préparation",
    stopped: "Activité arrêtée",
    unknown: "Non précisé",
  } satisfies Record<OutcomeCategory, string>,
  stages: {
    newcomer: "Premier contact",
    applicant: "Candidature",
    member: "En cohorte",
    alumni: "Ancien·ne participant·e",
    left: "Sorti·e du programme",
  } satisfies Record<Stage, string>,
  membership: { active: "En cours", alumni: "Diplômé·es", left: "Sorti·es" } satisfies Record<MembershipStatusName, string>,
  cohortStatus: { ended: "terminée", running: "en cours", upcoming: "à venir" } satisfies Record<CohortStatus, string>,
  noData: "Pas encore de données.",
  cohortTable: {
    title: "Détail par cohorte",
    note: "Suivi à 6 et 12 mois : réponses / questionnaires envoyés (— : pas encore envoyés). Micro-entr. et Assoc. : personnes ayant déclaré avoir créé une micro-entreprise ou une association.",
    cohort: "Cohorte",
    status: "État",
    people: "Personnes",
    sessions: "Sessions",
    attendance: "Présence",
    sales: "Ventes",
    sellers: "Ont vendu",
    outcome6: "Suivi 6 mois",
    outcome12: "Suivi 12 mois",
    businesses: "Micro-entr.",
    associations: "Assoc.",
  },
  peopleTable: {
    title: "Détail par personne (données personnelles)",
    number: "n°",
    firstName: "Prénom",
    cohort: "Cohorte",
    status: "Statut",
    sales: "Ventes",
    attendance: "Présence",
    lastOutcome: "Dernière situation déclarée",
  },
  method: {
    title: "Méthode",
    /** Only in the anonymous report: with names, every figure is shown. */
    smallNumbers:
      "Petits nombres : un effectif de moins de 5 personnes (zéro excepté), et tout chiffre qui décrit un groupe de moins de 5 personnes (sa répartition, son taux, ses montants), sont remplacés par « < 5 ». Quand un seul chiffre d’une répartition est masqué, le plus petit suivant l’est aussi (« s »), pour qu’on ne puisse pas le retrouver à partir du total. Les graphiques suivent la même règle.",
    namesShown: "Document nominatif : tous les chiffres sont donnés exactement, y compris ceux qui portent sur moins de 5 personnes.",
    lines: [
      "Personnes accompagnées : membres des cohortes, qu’elles soient en cours, diplômées ou sorties en cours de route ; une personne qui a demandé l’effacement de ses données reste comptée, sans aucune donnée personnelle.",
      "Taux de présence : présences / présences relevées sur les sessions non annulées. La prévision est la part de réponses « oui » aux rappels.",
      "Ventes et dépenses : montants déclarés par les entrepreneur·es, mois de la date de la vente, entrées annulées exclues.",
      "Situation à 6 et 12 mois : réponses aux questionnaires de suivi ; taux de réponse = réponses / questionnaires envoyés. Micro-entreprises et associations créées : personnes ayant déclaré cette situation à au moins un suivi.",
      "Chiffres calculés automatiquement à partir de la base de données de l’assistant Migracoop à la date du rapport.",
    ],
  },
} as const;
