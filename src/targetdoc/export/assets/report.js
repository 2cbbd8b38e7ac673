// Link items to their source lines, and filter units and items by text.
(function () {
  "use strict";
  var lines = function (first, last) {
    var found = [];
    for (var n = first; n <= last; n++) {
      var line = document.getElementById("L" + n);
      if (line) found.push(line);
    }
    return found;
  };
  var show = function (item) {
    document.querySelectorAll(".line.hl").forEach(function (l) { l.classList.remove("hl"); });
    document.querySelectorAll("li.item.active").forEach(function (i) { i.classList.remove("active"); });
    item.classList.add("active");
    var span = lines(Number(item.dataset.first), Number(item.dataset.last));
    span.forEach(function (l) { l.classList.add("hl"); });
    if (span.length) span[0].scrollIntoView({ block: "center" });
  };
  document.querySelectorAll("li.item").forEach(function (item) {
    item.addEventListener("click", function (event) {
      event.preventDefault();
      show(item);
    });
  });
  var search = document.getElementById("search");
  var count = document.getElementById("match-count");
  var filter = function () {
    var query = search.value.trim().toLowerCase();
    var shown = 0;
    document.querySelectorAll("article.unit").forEach(function (unit) {
      var unitHit = !query || unit.dataset.name.toLowerCase().indexOf(query) >= 0;
      var any = false;
      unit.querySelectorAll("li.item").forEach(function (item) {
        var hit = unitHit || item.dataset.text.toLowerCase().indexOf(query) >= 0;
        item.classList.toggle("hidden", !hit);
        if (hit) { any = true; shown++; }
      });
      unit.classList.toggle("hidden", !any);
    });
    count.textContent = query ? count.dataset.label.replace("{count}", shown) : "";
  };
  search.addEventListener("input", filter);
})();
