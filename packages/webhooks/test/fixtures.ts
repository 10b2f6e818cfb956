// Shared, obviously fake test material.
export const SECRET = `whsec_${Buffer.from('fake-secret-for-tests-only').toString('base64')}`;
export const OTHER_SECRET = `whsec_${Buffer.from('another-fake-secret-for-tests').toString('base64')}`;
export const NOW_SECONDS = 1_763_967_600;
export const now = (): number => NOW_SECONDS * 1000;
