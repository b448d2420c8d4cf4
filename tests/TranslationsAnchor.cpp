// The translations resource needs a library to live in; this is its only source.
int ncreTestTranslationsAnchor = 0;
