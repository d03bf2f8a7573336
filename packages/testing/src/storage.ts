/** Uploads bytes through a presigned POST as a browser form would; the storage answers, policy and all. */
export async function postToStorage(upload: { url: string; fields: Record<string, string> }, bytes: Uint8Array, fieldOverrides: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...fieldOverrides })) form.append(name, value);
  form.append("file", new Blob([bytes]), "upload.bin"); // the file must be the last field
  const res = await fetch(upload.url, { method: "POST", body: form });
  return { status: res.status, text: await res.text() };
}
