import type { Topic } from "../intents.ts";
import { PhraseBook } from "../words.ts";

/**
 * Question words that the programme's data answers: where (the session's place) and when (its time).
 * A question with neither goes to a person.
 */
const WORDS: Record<Topic, string[]> = {
  place: [
    "ou est", "ou se trouve", "c est ou", "cest ou", "c ou", "se passe ou", "adresse", "ladresse", "lieu", "lendroit", "endroit", "salle", "metro", "where", "address", "location", "place", "located",
    "وين", "فين", "فاين", "أين", "اين", "العنوان", "عنوان", "مكان", "وين المكان", "fein", "wein", "3onwan", "mkan",
    "کجا", "كجا", "آدرس", "ادرس", "نشانی", "جای", "koja", "kuja", "adres", "address",
    "چیرته", "چېرته", "ځای", "پته", "cheerta", "chirta", "cherta",
    "ኣበይ", "ኣድራሻ", "abey", "aby", "adrasha",
    "donde", "dónde", "direccion", "dirección", "lugar", "onde", "endereço", "endereco", "local",
    "где", "куда", "адрес", "место", "де", "куди", "адреса", "gde", "kuda", "adres",
    "কোথায়", "কোথায়", "ঠিকানা", "জায়গা", "kothay", "kothai", "thikana",
  ],
  time: [
    "heure", "quelle heure", "a quelle heure", "horaire", "horaires", "commence", "quand", "what time", "time", "when", "start", "starts", "begin", "o'clock",
    "متى", "امتى", "إمتى", "وقتاش", "واش الوقت", "الساعة", "الساعه", "ساعة", "ساعه", "وقت", "imta", "emta", "wa9tach", "wa9t", "sa3a", "saa3a", "mata",
    "ساعت", "چه وقت", "کی", "چند بجه", "بجه", "وقت", "chi waqt", "che waqt", "saat", "chand baja",
    "کله", "بجې", "څو بجې", "وخت", "kala", "kela", "baje", "wakht",
    "መዓስ", "ሰዓት", "ሰዓተ", "meas", "maas",
    "hora", "que hora", "a que hora", "cuando", "cuándo", "horario", "quando", "que horas", "horas",
    "когда", "во сколько", "время", "коли", "о котрій", "котрій", "час", "kogda", "vo skolko",
    "কখন", "কটায়", "কয়টায়", "সময়", "সময়", "kokhon", "koto tay", "koytay", "somoy",
  ],
};

const TOPICS = new PhraseBook<Topic>();
for (const topic of ["place", "time"] as const) for (const word of WORDS[topic]) TOPICS.add(word, topic);

/** What a question asks about, when it is the place or the time of a session. */
export function findTopic(text: string): Topic | undefined {
  return TOPICS.find(text, { typos: false });
}
