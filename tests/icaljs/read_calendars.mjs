// Reads iCalendar texts with Mozilla's ical.js (the engine inside Thunderbird) and prints what
// it understood as JSON, so the Python tests can compare it with icalendar and zoneinfo.
// Input on stdin: a JSON array of calendar texts. Output: a JSON array, one entry per text.
// Times come out as Unix seconds computed by ical.js from the VTIMEZONE inside the file.
import ICAL from "ical.js";

function address(prop) {
  if (!prop) return null;
  return {
    value: prop.getFirstValue(),
    cn: prop.getParameter("cn") ?? null,
    role: prop.getParameter("role") ?? null,
    partstat: prop.getParameter("partstat") ?? null,
    rsvp: prop.getParameter("rsvp") ?? null,
    cutype: prop.getParameter("cutype") ?? null,
  };
}

function read(text) {
  const root = new ICAL.Component(ICAL.parse(text));
  const events = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: vevent.getFirstPropertyValue("url"),
      status: vevent.getFirstPropertyValue("status"),
      class: vevent.getFirstPropertyValue("class"),
      start: event.startDate.toUnixTime(),
      end: event.endDate.toUnixTime(),
      startZone: event.startDate.zone ? event.startDate.zone.tzid : null,
      endZone: event.endDate.zone ? event.endDate.zone.tzid : null,
      organizer: address(vevent.getFirstProperty("organizer")),
      attendees: vevent.getAllProperties("attendee").map(address),
    };
  });
  return {
    method: root.getFirstPropertyValue("method"),
    version: root.getFirstPropertyValue("version"),
    prodid: root.getFirstPropertyValue("prodid"),
    timezones: root.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
    events,
  };
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const texts = JSON.parse(input);
  process.stdout.write(JSON.stringify(texts.map(read)));
});
