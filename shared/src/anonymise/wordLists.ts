/**
 * Word lists of the known-identifier detector: endings a name or place may
 * carry, and words in names that identify no one on their own. All folded
 * with {@link identifierKey}, as the matcher compares folded text.
 */
import { identifierKey } from './text.js'

/** Genitive and possessive endings (folded): Petras, Jonas', Demir's, (des) Betriebes. */
export const Genitive = ['s', 'es', "'", "'s"]
/** Street words a place may be the first part of: "Lindenstraße", "Altstetterstrasse" (folded). */
export const StreetWords = ['strasse', 'str', 'weg', 'gasse', 'platz', 'allee', 'ring', 'damm', 'ufer', 'chaussee', 'steig', 'pfad', 'promenade', 'graben', 'stieg', 'wall', 'kai', 'quai', 'zeile', 'steg']
/** Endings of a place: genitive, the adjective and the inhabitants (Winterthurer, Lindenerin), a street named after it. */
export const PlaceEndings = [...Genitive, 'er', 'ern', 'erin', 'erinnen', ...StreetWords, ...StreetWords.map((street) => `er${street}`)]
/** Endings of a place's stem (see {@link PlaceEndings}). */
export const StemEndings = ['er', 'erin', 'erinnen', ...StreetWords.map((street) => `er${street}`)]

/** Words in a name that are not a name of their own. */
export const NameParticles = new Set(
  ['von', 'van', 'de', 'der', 'den', 'zu', 'zum', 'di', 'da', 'la', 'le', 'el', 'al', 'bin', 'ibn', 'dr', 'prof', 'frau', 'herr', 'herrn'].map(identifierKey),
)

/** Words of an organisation's name that say what it is, not which one. */
export const GenericOrganisationWords = new Set(
  `gmbh mbh ag kg ohg gbr ug ev e.v. co und the and der die das des von fuer am an im in zum zur bei
  nord sued ost west mitte zentrum zentral zentrale filiale markt supermarkt discounter baeckerei metzgerei gastronomie restaurant
  kantine hotel cafe klinik klinikum krankenhaus praxis pflege pflegeheim pflegedienst seniorenheim seniorenzentrum kita schule stadt
  stadtwerke verwaltung service services logistik handel gruppe group holding team werk werke werkstatt werkstaetten betrieb
  firma unternehmen abteilung lager buero kasse kassenbereich produktion montage verkauf versand kueche reinigung garten
  landschaftsbau bau technik personal integrationsfachdienst integrationsamt agentur arbeit jobcenter bundesagentur stiftung
  verein verband genossenschaft international deutschland schweiz national gemeinde kreis landkreis bezirk amt land`
    .split(/\s+/)
    .map(identifierKey),
)

/** Words of a place's name that are no place of their own: "Bad", "am", "Sankt", "Nord". */
export const GenericPlaceWords = new Set(
  `bad st sankt am an der die das den im in ob bei vor hinter auf unter ober nieder alt neu gross klein nord sued ost west mitte
  stadt dorf kreis bezirk kanton gemeinde land quartier viertel ortsteil stadtteil altstadt innenstadt zentrum main`
    .split(/\s+/)
    .map(identifierKey),
)
