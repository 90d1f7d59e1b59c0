(function () {
  "use strict";
  var steps = Array.prototype.slice.call(document.querySelectorAll("section.step"));
  var ticks = Array.prototype.slice.call(document.querySelectorAll("rect.tick"));
  var position = document.getElementById("position");
  var current = -1;

  function show(i) {
    if (steps.length === 0) return;
    i = Math.max(0, Math.min(steps.length - 1, i));
    if (current >= 0) {
      steps[current].classList.remove("current");
      steps[current].removeAttribute("aria-current");
      if (ticks[current]) ticks[current].classList.remove("current");
    }
    current = i;
    steps[i].classList.add("current");
    steps[i].setAttribute("aria-current", "step");
    if (ticks[i]) ticks[i].classList.add("current");
    position.textContent = (i + 1) + " / " + steps.length;
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var to; // stays undefined for a key that does not move
    if (e.key === "ArrowRight" || e.key === "ArrowDown" || e.key === "j") to = current + 1;
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp" || e.key === "k") to = current - 1;
    else if (e.key === "Home") to = 0;
    else if (e.key === "End") to = steps.length - 1;
    if (to !== undefined) {
      e.preventDefault();
      show(to);
    }
  });
  ticks.forEach(function (t) {
    t.addEventListener("click", function () { show(Number(t.getAttribute("data-step"))); });
  });
  document.getElementById("prev").addEventListener("click", function () { show(current - 1); });
  document.getElementById("next").addEventListener("click", function () { show(current + 1); });

  for (var s = 0; s < steps.length; s++) steps[s].classList.remove("current");
  document.body.classList.add("js");
  var m = /^#step-(\d+)$/.exec(location.hash);
  show(m ? Number(m[1]) : 0);
})();
