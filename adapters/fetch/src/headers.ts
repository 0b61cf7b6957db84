/** Response headers as a plain object with lower-case names (repeated headers arrive joined by fetch). */
export const headersToRecord = (headers: Headers): Record<string, string> => {
  const record: Record<string, string> = {}
  headers.forEach((value, name) => {
    record[name.toLowerCase()] = value
  })
  return record
}
