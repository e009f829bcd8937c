/// A binary heap: ``popFirst()`` takes the element that ranks first by the order it was made
/// with, in O(log n); ``first`` reads it in O(1).
struct PriorityQueue<Element> {
    private var elements: [Element] = []
    /// Whether the first argument ranks before the second.
    private let ranksFirst: (Element, Element) -> Bool

    /// An empty queue ordered by `ranksFirst` (a strict order).
    init(by ranksFirst: @escaping (Element, Element) -> Bool) {
        self.ranksFirst = ranksFirst
    }

    /// The element that ranks first, if any.
    var first: Element? { elements.first }

    /// Adds `element`.
    mutating func push(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard ranksFirst(elements[child], elements[parent]) else { return }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the element that ranks first; nil when there is none.
    mutating func popFirst() -> Element? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let taken = elements.removeLast()
        var parent = 0
        while true {
            let (left, right) = (2 * parent + 1, 2 * parent + 2)
            var top = parent
            if left < elements.count, ranksFirst(elements[left], elements[top]) { top = left }
            if right < elements.count, ranksFirst(elements[right], elements[top]) { top = right }
            guard top != parent else { return taken }
            elements.swapAt(parent, top)
            parent = top
        }
    }
}
