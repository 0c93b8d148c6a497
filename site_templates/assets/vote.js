/* bench Vote page: one pair at a time, keys a/b/t/s, progress in localStorage,
 * names revealed and the votes file offered only after every pair has a vote.
 * Names and answers are never inserted as HTML (textContent only). Works from file://. */
(function () {
  "use strict";
  var root = document.getElementById("bench-vote");
  var dataNode = document.getElementById("bench-vote-data");
  if (!root || !dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var KEY = "bench-vote:" + data.ballot;
  var CHOICES = { a: "a", b: "b", t: "tie", s: "skip" };
  var HANDLE = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/;
  var sections = Array.prototype.slice.call(root.querySelectorAll(".bench-vote-pair"));
  var state = load();

  function load() {
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { saved = null; }
    if (!saved || typeof saved !== "object") saved = {};
    return { choices: saved.choices || {}, current: saved.current || 0, voter: saved.voter || "", done: !!saved.done };
  }

  function save() {
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: progress is lost on reload */ }
  }

  function voted() {
    return data.pairs.filter(function (id) { return state.choices[id]; }).length;
  }

  function show(index) {
    state.current = Math.max(0, Math.min(sections.length - 1, index));
    sections.forEach(function (section, i) {
      section.hidden = i !== state.current;
      var choice = state.choices[section.getAttribute("data-pair")];
      Array.prototype.forEach.call(section.querySelectorAll("[data-choice]"), function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-choice") === choice));
      });
    });
    var count = voted();
    document.getElementById("bench-vote-progress").textContent =
      "Pair " + (state.current + 1) + " of " + sections.length + " · " + count + " voted";
    document.getElementById("bench-vote-done").disabled = count < data.pairs.length;
    save();
  }

  function firstOpen(after) {
    for (var i = 1; i <= sections.length; i++) {
      var index = (after + i) % sections.length;
      if (!state.choices[sections[index].getAttribute("data-pair")]) return index;
    }
    return Math.min(after + 1, sections.length - 1);
  }

  function vote(choice) {
    if (state.done) return;
    var section = sections[state.current];
    state.choices[section.getAttribute("data-pair")] = choice;
    show(voted() < data.pairs.length ? firstOpen(state.current) : state.current);
  }

  function names() {
    var bytes = Uint8Array.from(atob(data.names), function (c) { return c.charCodeAt(0); });
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function today() { return new Date().toISOString().slice(0, 10); }

  function votesYaml(voter, day) {
    /* Every value is from a fixed alphabet (handle, ids, choices): no YAML quoting pitfalls,
     * and the handle is quoted so that "yes", "null" or "1234" stay strings. */
    var lines = ["# human/votes/" + voter + "-" + day + ".yaml", 'voter: "' + voter + '"',
      "ballot: " + data.ballot, "votes:"];
    data.pairs.forEach(function (id) {
      lines.push("  - {pair: " + id + ", choice: " + state.choices[id] + "}");
    });
    return lines.join("\n") + "\n";
  }

  function reveal() {
    var all = names();
    var body = document.querySelector("#bench-vote-reveal tbody");
    body.textContent = "";
    data.pairs.forEach(function (id) {
      var row = document.createElement("tr");
      [id, all[id][0], all[id][1], state.choices[id]].forEach(function (text) {
        var cell = document.createElement("td");
        cell.textContent = text;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    sections.forEach(function (section) {
      var pair = all[section.getAttribute("data-pair")];
      section.querySelector('[data-name="a"]').textContent = "(" + pair[0] + ")";
      section.querySelector('[data-name="b"]').textContent = "(" + pair[1] + ")";
    });
  }

  function finish() {
    var voter = document.getElementById("bench-vote-voter").value.trim().replace(/^@/, "");
    var problem = document.getElementById("bench-vote-problem");
    if (voted() < data.pairs.length) { problem.textContent = "Vote on every pair first."; return; }
    if (!HANDLE.test(voter)) { problem.textContent = "Enter your GitHub handle (letters, digits, hyphens)."; return; }
    problem.textContent = "";
    state.voter = voter;
    state.done = true;
    save();
    var day = today();
    var text = votesYaml(voter, day);
    var fileName = voter + "-" + day + ".yaml";
    document.getElementById("bench-vote-yaml").value = text;
    var download = document.getElementById("bench-vote-download");
    download.href = URL.createObjectURL(new Blob([text], { type: "application/x-yaml" }));
    download.setAttribute("download", fileName);
    var github = document.getElementById("bench-vote-github");
    if (github && data.repository) {
      github.href = "https://github.com/" + data.repository + "/new/" + encodeURIComponent(data.branch) +
        "?filename=" + encodeURIComponent("human/votes/" + fileName) + "&value=" + encodeURIComponent(text);
    }
    document.getElementById("bench-vote-result").hidden = false;
    reveal();
  }

  function reset() {
    state = { choices: {}, current: 0, voter: "", done: false };
    save();
    window.location.reload();
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-choice]");
    if (button) vote(button.getAttribute("data-choice"));
  });
  document.getElementById("bench-vote-prev").addEventListener("click", function () { show(state.current - 1); });
  document.getElementById("bench-vote-next").addEventListener("click", function () { show(state.current + 1); });
  document.getElementById("bench-vote-done").addEventListener("click", finish);
  document.getElementById("bench-vote-reset").addEventListener("click", reset);
  /* Capture on window, before the theme's own shortcuts (Material opens search on "s"). */
  window.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || event.target.isContentEditable) return;
    var key = (event.key || "").toLowerCase();
    var handled = true;
    if (CHOICES[key]) vote(CHOICES[key]);
    else if (event.key === "ArrowLeft") show(state.current - 1);
    else if (event.key === "ArrowRight") show(state.current + 1);
    else handled = false;
    if (handled) { event.preventDefault(); event.stopImmediatePropagation(); }
  }, true);
  document.getElementById("bench-vote-voter").value = state.voter;
  show(state.current);
  if (state.done) finish();
})();
